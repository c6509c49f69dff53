package io.atlasonboard.core.atlas;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into a byte array, refused as soon as it passes {@code cap} bytes (or declares more in
 * Content-Length): the subscription is cancelled, so an endless body neither hangs the call nor grows memory.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body passed the cap. */
    static final class TooLarge extends IOException {
        TooLarge(long cap, long declared) {
            super("the answer is larger than " + (cap / (1024 * 1024)) + " MiB"
                    + (declared > 0 ? " (it announced " + declared + " bytes)" : "")
                    + ", more than any API answer; it was not read");
        }
    }

    private final HttpResponse.BodySubscriber<byte[]> inner = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long cap;
    private final long declared;
    private Flow.Subscription subscription;
    private long seen;

    CappedBody(long cap, long declared) {
        this.cap = cap;
        this.declared = declared;
        inner.getBody().whenComplete((b, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(b);
            }
        });
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > cap) {
            s.cancel();
            result.completeExceptionally(new TooLarge(cap, declared));
            return;
        }
        inner.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            seen += b.remaining();
        }
        if (seen > cap) {
            subscription.cancel();
            result.completeExceptionally(new TooLarge(cap, -1));
            return;
        }
        inner.onNext(items);
    }

    @Override
    public void onError(Throwable t) {
        if (!result.isDone()) {
            inner.onError(t);
        }
    }

    @Override
    public void onComplete() {
        if (!result.isDone()) {
            inner.onComplete();
        }
    }
}
