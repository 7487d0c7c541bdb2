package io.tandemmq.ra.inbound;

/** The queue or topic an activation consumes from, once {@code destinationLookup} is resolved. Immutable. */
record DeliveryTarget(String destination, boolean topic) {
}
