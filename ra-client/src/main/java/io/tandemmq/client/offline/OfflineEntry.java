package io.tandemmq.client.offline;

/**
 * A message waiting in the log: its sequence number (log order), the producer that sent it, and
 * where its bytes lie, so that waiting messages cost no heap beyond this.
 */
public record OfflineEntry(long sequence, String producer, long segment, long offset, int length) {
}
