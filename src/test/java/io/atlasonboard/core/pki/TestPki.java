package io.atlasonboard.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.atlasonboard.testing.ProcessRun;

/**
 * Shared test fixture: an openssl test CA, and keys reused within the test JVM (RSA generation is slow).
 * Every external call goes through openssl / keytool as real peers.
 */
public final class TestPki {
    private static Path dir;
    private static KeyPair key;
    private static KeyPair otherKey;

    private TestPki() {
    }

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("pki-test");
                io.atlasonboard.testing.TempDirs.deleteAtExit(dir); // it holds the test CA's key
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the CA: RSA 2048 self-signed, CA:true
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("ca.key").toString(),
                    "-out", dir.resolve("ca.pem").toString(), "-days", "30", "-subj", "/CN=Atlas Onboard Test CA",
                    "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            // a server identity for s_server
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("server.key").toString(),
                    "-out", dir.resolve("server.csr").toString(), "-subj", "/CN=127.0.0.1");
            write("server.ext", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
            openssl("x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA", dir.resolve("ca.pem").toString(),
                    "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "30",
                    "-extfile", dir.resolve("server.ext").toString(), "-out", dir.resolve("server.pem").toString());
        }
        return dir;
    }

    public static synchronized KeyPair key() {
        if (key == null) {
            key = Csrs.generateKey(2048);
        }
        return key;
    }

    public static synchronized KeyPair otherKey() {
        if (otherKey == null) {
            otherKey = Csrs.generateKey(2048);
        }
        return otherKey;
    }

    public static ProcessRun openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(Arrays.asList(args));
        ProcessRun r = ProcessRun.of(cmd);
        assertThat(r.exit).as("openssl %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    public static ProcessRun opensslMayFail(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(Arrays.asList(args));
        return ProcessRun.of(cmd);
    }

    public static ProcessRun keytool(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(Arrays.asList(args));
        return ProcessRun.of(cmd);
    }

    public static Path write(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(String name, byte[] content) {
        try {
            Path p = dir().resolve(name);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Has the openssl test CA sign {@code csrPem} (copying the CSR's SANs) with the given EKU
     * ("clientAuth", "serverAuth", ...); returns the certificate PEM file.
     */
    public static Path signWithCa(String name, String csrPem, String eku) {
        Path csr = write(name + ".csr", csrPem);
        Path ext = write(name + ".ext", "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=" + eku + "\n");
        Path out = dir().resolve(name + ".pem");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", dir().resolve("ca.pem").toString(),
                "-CAkey", dir().resolve("ca.key").toString(), "-CAcreateserial", "-days", "10",
                "-copy_extensions", "copyall", "-extfile", ext.toString(), "-out", out.toString());
        return out;
    }

    public static X509Certificate cert(Path pem) {
        ParsedInput p = PkiInputs.parse(read(pem));
        assertThat(p.kind()).isEqualTo(ParsedInput.Kind.CERTIFICATES);
        return p.leaf();
    }

    public static X509Certificate caCert() {
        return cert(dir().resolve("ca.pem"));
    }

    /** A CSR for {@link #key()} (or another key pair) with typical values. */
    public static String csrPem(KeyPair kp) {
        CsrRequest r = new CsrRequest("atlas.example.com", "DE", "Example GmbH", List.of("api.example.com")).withCnInSans();
        return Csrs.toPem(Csrs.create(kp, r));
    }

    /** SPKI SHA-256 of a certificate as openssl computes it (lower-case hex, no colons). */
    public static String opensslSpkiSha256(Path certPem) {
        Path pub = dir().resolve(certPem.getFileName() + ".pub.der");
        openssl("x509", "-in", certPem.toString(), "-noout", "-pubkey", "-out", dir().resolve("tmp.pub").toString());
        openssl("pkey", "-pubin", "-in", dir().resolve("tmp.pub").toString(), "-outform", "DER", "-out", pub.toString());
        String out = openssl("dgst", "-sha256", "-r", pub.toString()).out;
        return out.split(" ")[0].trim();
    }
}
