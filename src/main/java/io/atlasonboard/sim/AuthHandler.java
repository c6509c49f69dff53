package io.atlasonboard.sim;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

import io.atlasonboard.sim.Http.Response;

/** {@code POST /login} (key, secret and the bound client certificate serial) and Bearer-token authentication. */
final class AuthHandler {
    private final SimState s;

    AuthHandler(SimState s) {
        this.s = s;
    }

    Response login(HttpExchange ex, BigInteger peerSerial) throws IOException {
        JsonObject body = Http.jsonBody(ex, true);
        String key = Http.requiredString(body, "api_key");
        String secret = Http.requiredString(body, "api_secret");
        if (key == null || secret == null) {
            throw new ApiException(422, "Invalid login request");
        }
        synchronized (s.lock) {
            SimAccount a = s.accounts.get(key);
            byte[] expected = (a == null ? "\0no-such-account" : a.apiSecret()).getBytes(StandardCharsets.UTF_8);
            boolean secretOk = MessageDigest.isEqual(expected, secret.getBytes(StandardCharsets.UTF_8));
            if (a == null || !secretOk) {
                throw new ApiException(401, "Unauthorized");
            }
            if (!a.boundSerials.contains(peerSerial)) {
                throw new ApiException(401, "Unauthorized: client certificate is not linked to this API key");
            }
            byte[] raw = new byte[32];
            SimPki.RANDOM.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            s.tokens.put(token, new SimState.TokenInfo(key, s.clock.instant().plus(s.config.tokenTtl())));
            JsonObject o = new JsonObject();
            o.addProperty("access_token", token);
            return Response.json(200, o);
        }
    }

    /** The account of the request's Bearer token; 401 when it is missing, unknown, revoked or expired. */
    SimAccount authenticate(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw new ApiException(401, "Unauthorized: Bearer access token required");
        }
        String token = auth.substring(7).trim();
        synchronized (s.lock) {
            SimState.TokenInfo t = s.tokens.get(token);
            if (t == null) {
                throw new ApiException(401, "Unauthorized: access token unknown or revoked");
            }
            if (!s.clock.instant().isBefore(t.expiresAt())) {
                s.tokens.remove(token);
                throw new ApiException(401, "Unauthorized: access token expired");
            }
            SimAccount a = s.accounts.get(t.apiKey());
            if (a == null) {
                throw new ApiException(401, "Unauthorized");
            }
            return a;
        }
    }
}
