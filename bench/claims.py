#!/usr/bin/env python3
"""bench/run helper (untimed parts of the claims rows). Subcommands:
  tokens CLAIM_OUTPUT            -> "name token" lines from `dns claim` output
  peertokens DIR NAMES           -> "name token" lines from curl's saved claim answers DIR/0.json.. (NAMES: one a line)
  peerids DIR NAMES              -> claim ids from the same answers, one a line
  publish URL CA FILE            -> publishes every "name token" line of FILE in the sandbox zone (portal)
"""
import http.client, json, re, ssl, sys, urllib.parse

def tokens(path):
    for m in re.finditer(r'Zone file line: (\S+)\. \d+ IN TXT "([^"]+)"', open(path).read()):
        print(m.group(1), m.group(2))

def peer(d, names, what):
    for i, name in enumerate(l.strip() for l in open(names) if l.strip()):
        o = json.load(open(f"{d}/{i}.json"))
        print(o["id"] if what == "id" else name + " " + o["token"])

def publish(url, ca, path):
    u = urllib.parse.urlparse(url)
    ctx = ssl.create_default_context(cafile=ca)
    c = http.client.HTTPSConnection(u.hostname, u.port, context=ctx)
    for line in open(path):
        name, token = line.split()
        c.request("POST", "/portal/sandbox-dns", json.dumps({"name": name, "value": token}),
                  {"Content-Type": "application/json;charset=utf-8"})
        r = c.getresponse(); r.read()
        if r.status != 204:
            sys.exit(f"publish {name}: HTTP {r.status}")

cmd = sys.argv[1]
if cmd == "tokens": tokens(sys.argv[2])
elif cmd == "peertokens": peer(sys.argv[2], sys.argv[3], "token")
elif cmd == "peerids": peer(sys.argv[2], sys.argv[3], "id")
elif cmd == "publish": publish(sys.argv[2], sys.argv[3], sys.argv[4])
