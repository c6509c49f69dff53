package io.atlasonboard.core.atlas;

/** Answer of claim creation or reassert: the claim id (from {@code Location}), the TXT token and the deadline. */
public record ClaimToken(String id, String token, long assertBy) {
}
