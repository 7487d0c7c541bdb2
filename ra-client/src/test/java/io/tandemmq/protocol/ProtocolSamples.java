package io.tandemmq.protocol;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sample values of every payload, the reader of each, and a description that compares payloads by
 * content (records holding arrays and {@link WireMessage} have no content equality of their own).
 */
final class ProtocolSamples {

    private ProtocolSamples() {
    }

    /** A sample payload with the function that reads it back. */
    record Sample(String name, Object value, byte[] bytes, Function<WireReader, Object> reader) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One value of every property type, including the awkward ones. */
    static Map<String, Object> everyPropertyType() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("null", null);
        p.put("true", true);
        p.put("false", false);
        p.put("byte", (byte) -128);
        p.put("short", Short.MIN_VALUE);
        p.put("char", '\uffff');
        p.put("int", Integer.MIN_VALUE);
        p.put("long", Long.MAX_VALUE);
        p.put("float", -0.0f);
        p.put("floatNaN", Float.NaN);
        p.put("double", Double.MIN_VALUE);
        p.put("doubleInfinity", Double.NEGATIVE_INFINITY);
        p.put("string", "grüße \u0000 \ud83d\ude00");
        p.put("emptyString", "");
        p.put("bytes", new byte[] {0, -1, 127, -128});
        p.put("emptyBytes", new byte[0]);
        p.put("", "empty key");
        return p;
    }

    static WireMessage fullMessage() {
        return WireMessage.builder()
                .messageId("ID:full-1")
                .destination(DestinationRef.topic("market.prices"))
                .replyTo(new DestinationRef(DestinationKind.TEMP_QUEUE, "tmp-7"))
                .correlationId("corr-9")
                .type("quote")
                .deliveryMode(WireMessage.NON_PERSISTENT)
                .priority(9)
                .timestamp(1_700_000_000_000L)
                .expiration(Long.MAX_VALUE)
                .deliveryTime(-1L)
                .properties(everyPropertyType())
                .body(BodyType.BYTES, new byte[] {1, 2, 3, 0, -1})
                .build();
    }

    static WireMessage minimalMessage() {
        return WireMessage.builder().messageId("ID:min").destination(DestinationRef.queue("q")).build();
    }

    static List<WireMessage> messages() {
        List<WireMessage> list = new ArrayList<>();
        list.add(fullMessage());
        list.add(minimalMessage());
        for (BodyType type : BodyType.values()) {
            list.add(minimalMessage().toBuilder().body(type, type == BodyType.NONE ? null : new byte[] {(byte) type.ordinal()})
                    .priority(0).build());
        }
        list.add(minimalMessage().toBuilder().body(BodyType.TEXT, new byte[0]).build());
        return list;
    }

    static List<Sample> all() {
        List<Sample> s = new ArrayList<>();
        payload(s, "Hello", new Hello(ProtocolVersion.CURRENT, "jane", "secret", "client-1", 5_000, 30_000), Hello::read);
        payload(s, "Hello without names", new Hello(-1, null, null, null, Long.MIN_VALUE, 0), Hello::read);
        payload(s, "Welcome", new Welcome(1, "server-a", "conn-42", 5_000, ProtocolVersion.DEFAULT_MAX_FRAME_SIZE, "rm-1"),
                Welcome::read);
        payload(s, "NotActive", new NotActive("server-b", "server-a:61620"), NotActive::read);
        payload(s, "NotActive without hint", new NotActive(null, null), NotActive::read);
        for (ErrorCode code : ErrorCode.values()) {
            payload(s, "ErrorReply " + code, new ErrorReply(code, "failed: " + code), ErrorReply::read);
        }
        payload(s, "ErrorReply without message", new ErrorReply(ErrorCode.GENERAL, null), ErrorReply::read);
        payload(s, "IdRef", new IdRef(Long.MIN_VALUE), IdRef::read);
        payload(s, "NameRef", new NameRef("durable-sub"), NameRef::read);
        payload(s, "NameRef empty", new NameRef(""), NameRef::read);
        payload(s, "AdminRequest", new AdminRequest(List.of("user", "add", "ann", "--password", "pw", "--roles", "a,b")),
                AdminRequest::read);
        payload(s, "AdminRequest empty", new AdminRequest(List.of()), AdminRequest::read);
        payload(s, "Credentials", new Credentials("admin", "pw"), Credentials::read);
        payload(s, "Credentials none", new Credentials(null, null), Credentials::read);
        payload(s, "TextLines", new TextLines(List.of("NAME ROLES", "", "ann a,b")), TextLines::read);
        for (BindingKind kind : BindingKind.values()) {
            payload(s, "BoundObject " + kind, new BoundObject(kind, "tandem://h:1,h:2?clientID=x"), BoundObject::read);
        }
        for (AckMode mode : AckMode.values()) {
            payload(s, "SessionOpen " + mode, new SessionOpen(7, mode), SessionOpen::read);
        }
        for (SubscriptionMode mode : SubscriptionMode.values()) {
            payload(s, "ConsumerOpen " + mode, new ConsumerOpen(3, 4, DestinationRef.topic("t"), "price > 10", true,
                    mode, "sub-" + mode, 100), ConsumerOpen::read);
        }
        payload(s, "ConsumerOpen without selector", new ConsumerOpen(-3, Long.MAX_VALUE, DestinationRef.queue("q"),
                null, false, SubscriptionMode.NONE, null, 0), ConsumerOpen::read);
        payload(s, "ConsumerClose", new ConsumerClose(5, new long[] {1, Long.MAX_VALUE, -1}), ConsumerClose::read);
        payload(s, "ConsumerClose none seen", new ConsumerClose(5, new long[0]), ConsumerClose::read);
        payload(s, "Credit", new Credit(9, Integer.MAX_VALUE), Credit::read);
        payload(s, "Send", new Send(3, fullMessage()), Send::read);
        payload(s, "Delivery", new Delivery(4, 99, 2, fullMessage()), Delivery::read);
        payload(s, "Ack", new Ack(3, new long[] {10, 11, 12}), Ack::read);
        payload(s, "Ack empty", new Ack(3, new long[0]), Ack::read);
        payload(s, "Browse", new Browse(DestinationRef.queue("q"), "x = 1", 17, 100), Browse::read);
        payload(s, "Browse without selector", new Browse(DestinationRef.queue("q"), null, -1, 0), Browse::read);
        payload(s, "BrowseBatch", new BrowseBatch(messages(), 55, true), BrowseBatch::read);
        payload(s, "BrowseBatch empty", new BrowseBatch(List.of(), 0, false), BrowseBatch::read);
        for (DestinationKind kind : DestinationKind.values()) {
            payload(s, "DestinationRef " + kind, new DestinationRef(kind, "d-" + kind), DestinationRef::read);
        }
        payload(s, "DestinationInfo", new DestinationInfo(DestinationRef.topic("t"), 12, 3), DestinationInfo::read);
        List<DestinationInfo> infos = List.of(new DestinationInfo(DestinationRef.queue("a"), 0, 0),
                new DestinationInfo(DestinationRef.topic("b"), Long.MAX_VALUE, Integer.MAX_VALUE));
        s.add(new Sample("DestinationInfo list", infos, DestinationInfo.encodeList(infos), DestinationInfo::readList));
        s.add(new Sample("DestinationInfo list empty", List.of(), DestinationInfo.encodeList(List.of()),
                DestinationInfo::readList));
        WireWriter optional = new WireWriter();
        DestinationRef.writeOptional(optional, null);
        s.add(new Sample("optional DestinationRef absent", null, optional.toByteArray(), DestinationRef::readOptional));
        optional = new WireWriter();
        DestinationRef.writeOptional(optional, DestinationRef.queue("q"));
        s.add(new Sample("optional DestinationRef present", DestinationRef.queue("q"), optional.toByteArray(),
                DestinationRef::readOptional));
        List<WireMessage> messages = messages();
        for (int i = 0; i < messages.size(); i++) {
            payload(s, "WireMessage " + i, messages.get(i), WireMessage::read);
        }
        Map<String, Object> props = everyPropertyType();
        s.add(new Sample("value map", props, new WireWriter().writeValueMap(props).toByteArray(),
                WireReader::readValueMap));
        List<Object> values = new ArrayList<>(props.values());
        s.add(new Sample("value list", values, new WireWriter().writeValueList(values).toByteArray(),
                WireReader::readValueList));
        return s;
    }

    private static void payload(List<Sample> s, String name, WirePayload value, Function<WireReader, Object> reader) {
        s.add(new Sample(name, value, value.encode(), reader));
    }

    /** Every reader, for feeding arbitrary bytes to. */
    static Map<String, Function<WireReader, Object>> readers() {
        Map<String, Function<WireReader, Object>> r = new LinkedHashMap<>();
        r.put("Hello", Hello::read);
        r.put("Welcome", Welcome::read);
        r.put("NotActive", NotActive::read);
        r.put("ErrorReply", ErrorReply::read);
        r.put("IdRef", IdRef::read);
        r.put("NameRef", NameRef::read);
        r.put("SessionOpen", SessionOpen::read);
        r.put("ConsumerOpen", ConsumerOpen::read);
        r.put("ConsumerClose", ConsumerClose::read);
        r.put("Credit", Credit::read);
        r.put("Send", Send::read);
        r.put("Delivery", Delivery::read);
        r.put("Ack", Ack::read);
        r.put("Browse", Browse::read);
        r.put("BrowseBatch", BrowseBatch::read);
        r.put("DestinationRef", DestinationRef::read);
        r.put("optional DestinationRef", DestinationRef::readOptional);
        r.put("DestinationInfo", DestinationInfo::read);
        r.put("DestinationInfo list", DestinationInfo::readList);
        r.put("WireMessage", WireMessage::read);
        r.put("value", WireReader::readValue);
        r.put("value map", WireReader::readValueMap);
        r.put("value list", WireReader::readValueList);
        r.put("longs", WireReader::readLongs);
        return r;
    }

    /** Reads a whole payload: the reader must consume exactly all bytes. */
    static Object readWhole(Function<WireReader, Object> reader, byte[] bytes) {
        WireReader in = new WireReader(bytes);
        Object value = reader.apply(in);
        in.expectEnd();
        return value;
    }

    /** A deterministic description of a payload's content, with the type of every typed value. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof byte[] b) {
            return "bytes[" + HexFormat.of().formatHex(b) + "]";
        } else if (v instanceof long[] l) {
            return "longs" + Arrays.toString(l);
        } else if (v instanceof Float f) {
            return "Float(" + f + "/" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        } else if (v instanceof Double d) {
            return "Double(" + d + "/" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        } else if (v instanceof String str) {
            return "\"" + str + "\"";
        } else if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, val) -> b.append(describe(k)).append('=').append(describe(val)).append(", "));
            return b.append('}').toString();
        } else if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            list.forEach(e -> b.append(describe(e)).append(", "));
            return b.append(']').toString();
        } else if (v instanceof WireMessage m) {
            return "WireMessage(" + describe(m.messageId()) + ", " + describe(m.destination()) + ", "
                    + describe(m.replyTo()) + ", " + describe(m.correlationId()) + ", " + describe(m.type()) + ", "
                    + m.deliveryMode() + ", " + m.priority() + ", " + m.timestamp() + ", " + m.expiration() + ", "
                    + m.deliveryTime() + ", " + describe(m.properties()) + ", " + m.bodyType() + ", "
                    + describe(m.body()) + ")";
        } else if (v instanceof Record r) {
            StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append('(');
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    b.append(c.getName()).append('=').append(describe(c.getAccessor().invoke(r))).append(", ");
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return b.append(')').toString();
        }
        return v.getClass().getSimpleName() + "(" + v + ")";
    }
}
