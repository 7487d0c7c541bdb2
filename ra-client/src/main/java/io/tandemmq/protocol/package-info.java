/**
 * The Tandem wire protocol, shared by the client and the broker.
 *
 * <p>A frame on the wire is {@code int length | byte type | long correlationId | payload}, where
 * {@code length} counts everything after itself. A request carries a correlation id greater than
 * zero and gets exactly one response ({@link io.tandemmq.protocol.FrameType#OK} or
 * {@link io.tandemmq.protocol.FrameType#ERROR}) with the same id; one-way frames (pings,
 * deliveries, credit) carry zero. Payloads are encoded with {@link io.tandemmq.protocol.WireWriter}
 * and read back with {@link io.tandemmq.protocol.WireReader}, which rejects malformed input with
 * {@link io.tandemmq.protocol.MalformedFrameException} instead of reading past the end.
 */
package io.tandemmq.protocol;
