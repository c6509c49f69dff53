package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * GlobalSign's Atlas issuer for cert-manager ({@code hvca.globalsign.com/v1alpha1}): {@code secret.yaml}, a Secret
 * whose data keys {@code apikey}, {@code apisecret}, {@code cert}, {@code certkey} hold base64 of the API key, the
 * API secret, the certificate PEM and the (unencrypted: the issuer reads it so) key PEM; {@code issuer.yaml}, an
 * Issuer (or ClusterIssuer) with {@code url} and {@code authSecretName}.
 */
final class CertManagerFormat implements BundleFormat {
    static final String SECRET = "secret.yaml";
    static final String ISSUER = "issuer.yaml";
    static final String API_VERSION = "hvca.globalsign.com/v1alpha1";

    @Override
    public void plan(ExportMaterial m, ExportOptions o, Bundle b, List<String> warnings) {
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("apikey", b64.encodeToString(m.provider.apiKey().getBytes(StandardCharsets.UTF_8)));
        data.put("apisecret", b64.encodeToString(new String(m.apiSecret).getBytes(StandardCharsets.UTF_8)));
        data.put("cert", b64.encodeToString(m.chainPem().getBytes(StandardCharsets.US_ASCII)));
        data.put("certkey", b64.encodeToString(PemKeys.plain(m.key).getBytes(StandardCharsets.US_ASCII)));
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", meta(o.secretName(), o.namespace()));
        secret.put("type", "Opaque");
        secret.put("data", data);
        b.addText(SECRET, true, "Kubernetes Secret: apikey, apisecret, cert, certkey (base64)", yaml().dump(secret));

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("authSecretName", o.secretName());
        spec.put("url", m.provider.apiUrl());
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("apiVersion", API_VERSION);
        issuer.put("kind", o.cluster() ? "ClusterIssuer" : "Issuer");
        issuer.put("metadata", meta(o.issuerName(), o.cluster() ? null : o.namespace()));
        issuer.put("spec", spec);
        b.addText(ISSUER, false, (o.cluster() ? "ClusterIssuer" : "Issuer") + " naming the API URL and the Secret",
                yaml().dump(issuer));
        warnings.add("The Secret holds the mTLS key unencrypted (the issuer needs it so): apply it with kubectl and "
                + "delete the bundle.");
        if (o.cluster()) {
            warnings.add("A ClusterIssuer reads its Secret from the Atlas issuer controller's cluster resource "
                    + "namespace; the Secret is written for namespace '" + o.namespace() + "'.");
        }
    }

    private static Map<String, Object> meta(String name, String namespace) {
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("name", name);
        if (namespace != null) {
            md.put("namespace", namespace);
        }
        return md;
    }

    private static Yaml yaml() {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        d.setWidth(Integer.MAX_VALUE);
        return new Yaml(d);
    }

    /** A strict reader for the check: safe constructor, plain maps, lists and strings only. */
    static Map<String, Object> load(String text, String what) {
        try {
            Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (!(o instanceof Map<?, ?> map)) {
                throw ExportException.of("core.handoff.yaml.notMapping", what);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return m;
        } catch (YAMLException e) {
            throw new ExportException(Msg.of("core.handoff.yaml.invalid", what, e.getMessage()), e);
        }
    }

    @SuppressWarnings("unchecked")
    static String field(Map<String, Object> m, String what, String... path) {
        Object cur = m;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> mm) || !mm.containsKey(p)) {
                throw ExportException.of("core.handoff.yaml.lacks", what, String.join(".", path));
            }
            cur = ((Map<String, Object>) mm).get(p);
        }
        if (!(cur instanceof String s)) {
            throw ExportException.of("core.handoff.yaml.notString", what, String.join(".", path));
        }
        return s;
    }

    @Override
    public void check(ExportMaterial m, ExportOptions o, Path folder, List<String> checks) {
        Map<String, Object> secret = load(ReadBack.text(folder.resolve(SECRET)), SECRET);
        Map<String, Object> issuer = load(ReadBack.text(folder.resolve(ISSUER)), ISSUER);
        Base64.Decoder d = Base64.getDecoder();
        if (!"Secret".equals(field(secret, SECRET, "kind"))
                || !o.secretName().equals(field(secret, SECRET, "metadata", "name"))) {
            throw ExportException.of("core.handoff.certManager.wrongSecret", SECRET, o.secretName());
        }
        String apiKey = new String(d.decode(field(secret, SECRET, "data", "apikey")), StandardCharsets.UTF_8);
        byte[] apiSecret = d.decode(field(secret, SECRET, "data", "apisecret"));
        if (!apiKey.equals(m.provider.apiKey()) || !ReadBack.sameSecret(apiSecret, m.apiSecret)) {
            throw ExportException.of("core.handoff.certManager.secretMismatch", SECRET);
        }
        X509Certificate cert = ReadBack.certificates(new String(d.decode(field(secret, SECRET, "data", "cert")),
                StandardCharsets.US_ASCII), Msg.of("core.handoff.what.secretCert")).get(0);
        PrivateKey key = ReadBack.key(new String(d.decode(field(secret, SECRET, "data", "certkey")),
                StandardCharsets.US_ASCII), null, Msg.of("core.handoff.what.secretKey"));
        ReadBack.identity(m, cert, key, Msg.of("core.handoff.what.secretPair"));
        String kind = field(issuer, ISSUER, "kind");
        if (!API_VERSION.equals(field(issuer, ISSUER, "apiVersion"))
                || !kind.equals(o.cluster() ? "ClusterIssuer" : "Issuer")
                || !o.secretName().equals(field(issuer, ISSUER, "spec", "authSecretName"))
                || !m.provider.apiUrl().equals(field(issuer, ISSUER, "spec", "url"))) {
            throw ExportException.of("core.handoff.certManager.issuerMismatch", ISSUER);
        }
        checks.add(SECRET + " parses as YAML; its cert and certkey match, apikey and apisecret are the stored ones");
        checks.add(ISSUER + " parses as YAML: " + kind + " " + o.issuerName() + " -> Secret " + o.secretName());
    }
}
