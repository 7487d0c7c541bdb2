package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.ErrorReply;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.Hello;
import io.tandemmq.protocol.Ack;
import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ProtocolVersion;
import io.tandemmq.protocol.Send;
import io.tandemmq.protocol.WireMessage;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input from a raw socket: the broker answers with an ERROR frame and closes that socket only.
 * A JMS connection opened before keeps working and a stored message stays stored.
 */
class BadInputIT {
    private static final long WAIT = 10_000;
    private static final int ERROR = 5;
    private static final int WELCOME = 2;

    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static SurvivingClient survivor;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.start(dir);
        survivor = SurvivingClient.open(broker.url(), "bad-input");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (survivor != null) {
                survivor.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** After every bad client: the connection opened before still sends and receives. */
    @AfterEach
    void survivorStillWorks() throws Exception {
        survivor.assertUnaffected();
    }

    @Test
    void oversizedFrameLength_beforeHello() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.writeHeader(ProtocolVersion.DEFAULT_MAX_FRAME_SIZE + 1, FrameType.HELLO.code(), 1);
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void oversizedFrameLength_afterHello() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.writeHeader(Integer.MAX_VALUE, FrameType.SEND.code(), 2);
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void frameLengthBelowTheHeaderSize() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.writeHeader(3, FrameType.SEND.code(), 2);
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void unknownFrameType() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(99, 2, new byte[] {1, 2, 3});
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void negativeFrameType() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(-7, 2, new byte[0]);
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void truncatedSendPayload_afterHello() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.CREATE_SESSION.code(), 2, new WireWriter().writeLong(1).writeByte(0).toByteArray());
            assertEquals(FrameType.OK.code(), raw.readFrame().type, "a valid request is answered OK");
            // session id, then a message id that claims 1000 bytes but has 3
            byte[] truncated = new WireWriter().writeLong(1).writeInt(1000).writeByte('I').writeByte('D')
                    .writeByte(':').toByteArray();
            raw.write(FrameType.SEND.code(), 3, truncated);
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void garbageSendPayload_afterHello() throws Exception {
        byte[] garbage = new byte[512];
        new Random(42).nextBytes(garbage);
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.SEND.code(), 2, garbage);
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void sendPayloadWithTrailingBytes_afterHello() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.CREATE_SESSION.code(), 2,
                    new WireWriter().writeLong(1).writeByte(0).writeInt(12345).toByteArray());
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void refusedRequest_isAnsweredAndTheSocketStaysOpen() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            WireMessage m = WireMessage.builder().messageId("ID:raw:1").destination(DestinationRef.queue("bad-input-raw"))
                    .body(BodyType.TEXT, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
            raw.write(FrameType.SEND.code(), 5, new Send(77, m).encode()); // no session 77
            Frame error = raw.readFrame();
            assertEquals(ERROR, error.type);
            assertEquals(5, error.correlationId);
            assertEquals(ErrorCode.UNKNOWN_OBJECT, ErrorReply.read(new WireReader(error.payload)).code());
            raw.write(FrameType.CREATE_SESSION.code(), 6, new WireWriter().writeLong(1).writeByte(0).toByteArray());
            Frame ok = raw.readFrame();
            assertEquals(FrameType.OK.code(), ok.type, "the socket still serves requests");
            assertEquals(6, ok.correlationId);
        }
    }

    @Test
    void wellFormedMessageWithAnUndecodableBody_consumersCarryOn() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.CREATE_SESSION.code(), 2, new WireWriter().writeLong(1).writeByte(0).toByteArray());
            assertEquals(FrameType.OK.code(), raw.readFrame().type);
            WireMessage poison = WireMessage.builder().messageId("ID:raw:poison").destination(DestinationRef.queue("bad-input-poison"))
                    .body(BodyType.MAP, new byte[] {0, 0, 0, 5, 1}).build();
            raw.write(FrameType.SEND.code(), 3, new Send(1, poison).encode());
            assertEquals(FrameType.OK.code(), raw.readFrame().type, "the broker does not look into bodies");
        }
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("bad-input-poison");
            s.createProducer(q).send(s.createTextMessage("good"));
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            assertThrows(jakarta.jms.MessageFormatException.class, () -> consumer.receive(WAIT));
            TextMessage good = (TextMessage) consumer.receive(WAIT);
            assertNotNull(good, "the consumer carries on after an undecodable message");
            assertEquals("good", good.getText());
        }
    }

    @Test
    void messageLargerThanTheLargestFrame_isRefusedAndTheConnectionCarriesOn() throws Exception {
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("bad-input-large");
            MessageProducer p = s.createProducer(q);
            jakarta.jms.BytesMessage big = s.createBytesMessage();
            big.writeBytes(new byte[ProtocolVersion.DEFAULT_MAX_FRAME_SIZE + 1]);
            assertThrows(ResourceAllocationException.class, () -> p.send(big));
            // in a transaction too: the send says so at once, the transaction carries on without it
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer txProducer = tx.createProducer(q);
            txProducer.send(tx.createTextMessage("in transaction"));
            assertThrows(ResourceAllocationException.class, () -> txProducer.send(big));
            tx.commit();
            jakarta.jms.BytesMessage fits = s.createBytesMessage();
            fits.writeBytes(new byte[ProtocolVersion.DEFAULT_MAX_FRAME_SIZE - 64 * 1024]);
            p.send(fits);
            p.send(s.createTextMessage("after"));
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            assertEquals("in transaction", ((TextMessage) consumer.receive(WAIT)).getText());
            jakarta.jms.BytesMessage got = (jakarta.jms.BytesMessage) consumer.receive(WAIT);
            assertNotNull(got, "the connection carries on after refusing the large message");
            assertEquals(ProtocolVersion.DEFAULT_MAX_FRAME_SIZE - 64 * 1024, got.getBodyLength());
            assertEquals("after", ((TextMessage) consumer.receive(WAIT)).getText());
            assertNull(consumer.receiveNoWait());
        }
    }

    @Test
    void sendThatFillsTheLargestFrame_isRefusedBecauseItCouldNotBeDelivered() throws Exception {
        int max = ProtocolVersion.DEFAULT_MAX_FRAME_SIZE;
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.CREATE_SESSION.code(), 2, new WireWriter().writeLong(1).writeByte(0).toByteArray());
            assertEquals(FrameType.OK.code(), raw.readFrame().type);
            raw.write(FrameType.SEND.code(), 3, sendFilling(max, 1, "ID:raw:edge"));
            Frame refused = raw.readFrame();
            assertEquals(ERROR, refused.type, "its DELIVER frame would be 12 bytes over the limit");
            assertEquals(3, refused.correlationId);
            assertEquals(ErrorCode.RESOURCE_ALLOCATION, ErrorReply.read(new WireReader(refused.payload)).code());
            raw.write(FrameType.SEND.code(), 4, sendFilling(max - 12, 1, "ID:raw:fits"));
            assertEquals(FrameType.OK.code(), raw.readFrame().type, "its DELIVER frame is exactly the limit");

            // in a transacted session the refused send rolls the transaction back
            raw.write(FrameType.CREATE_SESSION.code(), 5, new WireWriter().writeLong(2).writeByte(3).toByteArray());
            assertEquals(FrameType.OK.code(), raw.readFrame().type);
            raw.write(FrameType.SEND.code(), 6, new Send(2, message("ID:raw:tx", new byte[10])).encode());
            assertEquals(FrameType.OK.code(), raw.readFrame().type);
            raw.write(FrameType.SEND.code(), 7, sendFilling(max, 2, "ID:raw:tx-edge"));
            assertEquals(ERROR, raw.readFrame().type);
            raw.write(FrameType.COMMIT.code(), 8, new io.tandemmq.protocol.Commit(2, "raw-tx-1", new long[0]).encode());
            Frame commit = raw.readFrame();
            assertEquals(ERROR, commit.type);
            assertEquals(ErrorCode.TRANSACTION_ROLLED_BACK, ErrorReply.read(new WireReader(commit.payload)).code());
        }
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("bad-input-edge"));
            c.start();
            jakarta.jms.Message m = consumer.receive(WAIT);
            assertNotNull(m, "the message whose DELIVER frame is exactly the limit arrives");
            assertEquals("ID:raw:fits", m.getJMSMessageID());
            assertNull(consumer.receive(500), "nothing of the rolled-back transaction arrives");
        }
    }

    @Test
    void persistentMessageSentAgainAfterAFailover_isKeptOnce_alsoAfterItWasConsumed() throws Exception {
        WireMessage dup = WireMessage.builder().messageId("ID:raw:dup").destination(DestinationRef.queue("dup-q"))
                .body(BodyType.BYTES, new byte[] {1, 2, 3}).build();
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.CREATE_SESSION.code(), 2, new WireWriter().writeLong(1).writeByte(0).toByteArray());
            assertEquals(FrameType.OK.code(), raw.readFrame().type);
            raw.write(FrameType.SEND.code(), 3, new Send(1, dup).encode());
            assertEquals(FrameType.OK.code(), raw.readFrame().type);
            raw.write(FrameType.SEND.code(), 4, new Send(1, dup).asResend().encode());
            assertEquals(FrameType.OK.code(), raw.readFrame().type, "the duplicate is accepted and dropped");
        }
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("dup-q"));
            c.start();
            assertNotNull(consumer.receive(WAIT));
            assertNull(consumer.receive(500), "the resend was recognised as a duplicate");
            try (RawClient raw = new RawClient()) {
                raw.hello();
                raw.write(FrameType.CREATE_SESSION.code(), 2, new WireWriter().writeLong(1).writeByte(0).toByteArray());
                assertEquals(FrameType.OK.code(), raw.readFrame().type);
                raw.write(FrameType.SEND.code(), 3, new Send(1, dup).asResend().encode());
                assertEquals(FrameType.OK.code(), raw.readFrame().type);
            }
            assertNull(consumer.receive(500), "a resend of a message already consumed is a duplicate too");
        }
    }

    private static WireMessage message(String id, byte[] body) {
        return WireMessage.builder().messageId(id).destination(DestinationRef.queue("bad-input-edge"))
                .body(BodyType.BYTES, body).build();
    }

    /** A SEND payload whose frame is exactly {@code frameSize} bytes. */
    private static byte[] sendFilling(int frameSize, long session, String id) {
        int empty = new Send(session, message(id, new byte[0])).encode().length;
        byte[] payload = new Send(session, message(id, new byte[frameSize - 9 - empty])).encode();
        assertEquals(frameSize, 9 + payload.length);
        return payload;
    }

    @Test
    void helloWithAClientIdInUse() throws Exception {
        try (Connection owner = new TandemConnectionFactory(broker.url() + "?clientID=bad-input-owner").createConnection();
             RawClient raw = new RawClient()) {
            raw.write(FrameType.HELLO.code(), 1,
                    new Hello(ProtocolVersion.CURRENT, null, null, "bad-input-owner", 5_000, 30_000).encode());
            raw.expectErrorAndClose(ErrorCode.INVALID_CLIENT_ID);
            assertEquals("bad-input-owner", owner.getClientID());
        }
    }

    @Test
    void halfAFrameThenDisconnect() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.writeHeader(9 + 100, FrameType.SEND.code(), 2);
            raw.out.write(new byte[10]);
            raw.out.flush();
        }
        // nothing to answer; the connection opened before and the stored message are checked after each test
    }

    @Test
    void requestBeforeHello() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.write(FrameType.CREATE_SESSION.code(), 1, new WireWriter().writeLong(1).writeByte(0).toByteArray());
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void helloTwice() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.HELLO.code(), 2, hello(ProtocolVersion.CURRENT));
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void helloWithUnsupportedVersion() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.write(FrameType.HELLO.code(), 1, hello(99));
            Frame f = raw.expectErrorAndClose(ErrorCode.UNSUPPORTED_VERSION);
            assertEquals(1, f.correlationId, "the error answers the HELLO");
        }
    }

    @Test
    void helloWithGarbagePayload() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.write(FrameType.HELLO.code(), 1, new byte[] {0, 0, 0, 1, 9, 9});
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    @Test
    void responseFrameFromTheClient() throws Exception {
        try (RawClient raw = new RawClient()) {
            raw.hello();
            raw.write(FrameType.DELIVER.code(), 0, new byte[] {1});
            raw.expectErrorAndClose(ErrorCode.PROTOCOL);
        }
    }

    /** Runs last by name order only by chance; each test's @AfterEach checks the live connection anyway. */
    @Test
    void storedMessage_survivesAllOfIt() throws Exception {
        // bad clients first, then look at the stored message
        for (int i = 0; i < 5; i++) {
            try (RawClient raw = new RawClient()) {
                raw.hello();
                raw.write(99, 2, new byte[0]);
                raw.expectErrorAndClose(ErrorCode.PROTOCOL);
            }
            try (RawClient raw = new RawClient()) {
                raw.writeHeader(Integer.MAX_VALUE, FrameType.SEND.code(), 1);
                raw.expectErrorAndClose(ErrorCode.PROTOCOL);
            }
        }
        try (JMSContext ctx = new TandemConnectionFactory(broker.url()).createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            // CLIENT_ACKNOWLEDGE and no acknowledge: the message stays stored for the next look
            assertEquals("keep me", ctx.createConsumer(ctx.createQueue("bad-input-stored")).receiveBody(String.class, WAIT));
        }
        try (JMSContext ctx = new TandemConnectionFactory(broker.url()).createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            assertEquals("keep me", ctx.createConsumer(ctx.createQueue("bad-input-stored")).receiveBody(String.class, WAIT));
        }
    }

    @Test
    void destinationNamesTheBrokerCannotAccept() throws Exception {
        List<String> bad = List.of("", " ", "x".repeat(201), "orders*", "a,b", "a>b", "a#b", "tab\there");
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer anonymous = s.createProducer(null);
            for (String name : bad) {
                assertThrows(InvalidDestinationException.class, () -> s.createQueue(name), "queue '" + name + "'");
                assertThrows(InvalidDestinationException.class, () -> s.createTopic(name), "topic '" + name + "'");
                // a destination made without the session's check is refused by the broker
                assertThrows(InvalidDestinationException.class,
                        () -> anonymous.send(new TandemQueue(name), s.createTextMessage("x")), "send to queue '" + name + "'");
                assertThrows(InvalidDestinationException.class,
                        () -> anonymous.send(new TandemTopic(name), s.createTextMessage("x")), "send to topic '" + name + "'");
                assertThrows(InvalidDestinationException.class, () -> s.createConsumer(new TandemQueue(name)),
                        "consumer on queue '" + name + "'");
            }
            // the longest name allowed works
            Queue longest = s.createQueue("q".repeat(200));
            anonymous.send(longest, s.createTextMessage("long name"));
            MessageConsumer consumer = s.createConsumer(longest);
            c.start();
            assertEquals("long name", ((TextMessage) consumer.receive(WAIT)).getText());
            assertNull(consumer.receiveNoWait());
        }
        try (JMSContext ctx = new TandemConnectionFactory(broker.url()).createContext()) {
            assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createQueue("a*"));
            assertThrows(InvalidDestinationRuntimeException.class,
                    () -> ctx.createProducer().send(new TandemQueue("a,b"), "x"));
        }
    }

    private static byte[] hello(int version) {
        return new Hello(version, null, null, null, 5_000, 30_000).encode();
    }

    /** One decoded frame as a raw client sees it. */
    record Frame(int type, long correlationId, byte[] payload) { }

    /** A client on a plain socket that writes whatever it is told. */
    static final class RawClient implements AutoCloseable {
        final Socket socket = new Socket();
        final DataOutputStream out;
        final DataInputStream in;

        RawClient() throws IOException {
            this(broker.url());
        }

        /** A raw client of the broker at this {@code tandem://host:port} URL. */
        RawClient(String url) throws IOException {
            URI uri = URI.create(url.replace("tandem://", "tcp://"));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) WAIT);
            socket.setSoTimeout((int) WAIT);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
        }

        void hello() throws IOException {
            hello(null, null);
        }

        /** A HELLO with these credentials, which must be welcomed. */
        void hello(String user, String password) throws IOException {
            write(FrameType.HELLO.code(), 1, new Hello(ProtocolVersion.CURRENT, user, password, null, 5_000, 30_000).encode());
            Frame welcome = readFrame();
            assertEquals(WELCOME, welcome.type, "a valid HELLO is welcomed");
        }

        void writeHeader(int length, int type, long correlationId) throws IOException {
            out.writeInt(length);
            out.writeByte(type);
            out.writeLong(correlationId);
            out.flush();
        }

        void write(int type, long correlationId, byte[] payload) throws IOException {
            out.writeInt(9 + payload.length);
            out.writeByte(type);
            out.writeLong(correlationId);
            out.write(payload);
            out.flush();
        }

        /** The next frame other than pings. */
        Frame readFrame() throws IOException {
            while (true) {
                int length = in.readInt();
                assertTrue(length >= 9 && length < 1_000_000, "bad frame length from the broker: " + length);
                int type = in.readByte();
                long correlation = in.readLong();
                byte[] payload = new byte[length - 9];
                in.readFully(payload);
                if (type != FrameType.PING.code()) {
                    return new Frame(type, correlation, payload);
                }
            }
        }

        /** Reads an ERROR frame with this code, then the end of the stream. */
        Frame expectErrorAndClose(ErrorCode code) throws IOException {
            Frame f;
            try {
                f = readFrame();
            } catch (EOFException | SocketException e) {
                fail("the broker closed the socket without an ERROR frame: " + e);
                return null;
            }
            assertEquals(ERROR, f.type, "an ERROR frame (type 5)");
            ErrorReply reply = ErrorReply.read(new WireReader(f.payload));
            assertEquals(code, reply.code(), "error code; message: " + reply.message());
            assertNotNull(reply.message());
            assertTrue(!reply.message().isBlank(), "the error says what was wrong");
            try {
                int next = in.read();
                assertEquals(-1, next, "the broker must close the socket after the ERROR frame");
            } catch (SocketException e) {
                // a reset also closes it
                assertTrue(e.getMessage() != null && e.getMessage().contains("reset"), e.toString());
            }
            return f;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
