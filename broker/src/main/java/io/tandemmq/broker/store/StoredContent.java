package io.tandemmq.broker.store;

/** The encoded headers and the body of a stored message; {@code body} is null when it has none. */
public record StoredContent(byte[] headers, byte[] body) { }
