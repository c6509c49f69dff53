#!/usr/bin/env python3
"""bench/relay.py LISTEN_ADDR PORT TARGET_PORT: forwards DNS over UDP and TCP from LISTEN_ADDR:PORT to 127.0.0.1:
TARGET_PORT. named only listens on addresses of real interfaces, and 127.0.0.2 is not one on this machine (the whole
127/8 is routed to lo but only 127.0.0.1 is configured), so the second name server sits behind this relay, as the
test fixture's BindServer does it."""
import socket, sys, threading

addr, port, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, port))
    while True:
        data, client = s.recvfrom(65535)
        threading.Thread(target=udp_one, args=(s, data, client), daemon=True).start()

def udp_one(s, data, client):
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    b.settimeout(5)
    try:
        b.sendto(data, ("127.0.0.1", target))
        s.sendto(b.recv(65535), client)
    except OSError:
        pass
    finally:
        b.close()

def pump(a, b):
    try:
        while True:
            d = a.recv(65535)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    finally:
        for x in (a, b):
            try:
                x.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

def tcp():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(64)
    while True:
        c, _ = s.accept()
        b = socket.create_connection(("127.0.0.1", target))
        threading.Thread(target=pump, args=(c, b), daemon=True).start()
        threading.Thread(target=pump, args=(b, c), daemon=True).start()

threading.Thread(target=tcp, daemon=True).start()
udp()
