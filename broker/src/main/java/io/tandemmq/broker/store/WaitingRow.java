package io.tandemmq.broker.store;

/**
 * A waiting message row read back for a paged queue, oldest first. The headers and the body come
 * with it when they are stored inline; a large one is null here and read when the message is
 * delivered ({@link MessageStore#loadContent}).
 *
 * @param bodyLength -1 when the message has no body
 */
public record WaitingRow(long id, int priority, long expiration, long deliveryTime, int deliveryCount,
                         int bodyLength, byte[] headers, byte[] body) {

    /** Whether headers and body (if any) were both read with the row. */
    public boolean hasContent() {
        return headers != null && (bodyLength < 0 || body != null);
    }
}
