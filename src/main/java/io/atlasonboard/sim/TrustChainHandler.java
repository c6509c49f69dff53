package io.atlasonboard.sim;

import com.google.gson.JsonArray;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/** {@code GET /trustchain}: the issuing CA's PEM first, the root's last. */
final class TrustChainHandler {
    private final SimState s;

    TrustChainHandler(SimState s) {
        this.s = s;
    }

    Response handle(Call c) {
        if (c.seg().length != 1 || !c.seg()[0].equals("trustchain")) {
            return null;
        }
        Http.requireMethod(c.method(), "GET");
        JsonArray arr = new JsonArray();
        s.authorities.trustChainPems().forEach(arr::add);
        return Response.json(200, arr);
    }
}
