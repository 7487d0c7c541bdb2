package io.tandemmq.client.message;

import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.WireMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemObjectMessageTest {

    static final class Widget implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<String> tags = new ArrayList<>();
    }

    static final class Unserializable {
    }

    static final class HoldsUnserializable implements Serializable {
        private static final long serialVersionUID = 1L;
        final Object inside = new Unserializable();
    }

    static final class FailsToWrite implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) {
            throw new IllegalStateException("refuses");
        }
    }

    @Test
    void object_isSnapshotWhenSet() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        TandemObjectMessage m = new TandemObjectMessage();
        m.setObject(list);
        list.add("b");
        assertEquals(List.of("a"), m.getObject());
    }

    @Test
    void getObject_returnsAFreshCopyEachTime() throws JMSException {
        TandemObjectMessage m = new TandemObjectMessage();
        Widget w = new Widget();
        w.tags.add("x");
        m.setObject(w);
        Widget first = (Widget) m.getObject();
        first.tags.add("changed");
        Widget second = (Widget) m.getObject();
        assertNotSame(first, second);
        assertEquals(List.of("x"), second.tags);
    }

    @Test
    void unserializableObject_isFormatErrorAndKeepsTheBody() throws JMSException {
        TandemObjectMessage m = new TandemObjectMessage();
        m.setObject("before");
        MessageFormatException e =
                assertThrows(MessageFormatException.class, () -> m.setObject(new HoldsUnserializable()));
        assertTrue(e.getLinkedException() instanceof java.io.NotSerializableException);
        assertThrows(MessageFormatException.class, () -> m.setObject(new FailsToWrite()));
        assertEquals("before", m.getObject());
    }

    @Test
    void objectOfAMissingClass_isFormatErrorOnRead() throws JMSException {
        TandemObjectMessage received = receivedWithBody(serializedWithMissingClass());
        assertThrows(MessageFormatException.class, received::getObject);
        assertThrows(MessageFormatException.class, () -> received.getBody(Serializable.class));
        assertFalse(received.isBodyAssignableTo(Serializable.class));
    }

    @Test
    void corruptBody_isFormatErrorOnRead() {
        TandemObjectMessage received = receivedWithBody(new byte[] {1, 2, 3});
        assertThrows(MessageFormatException.class, received::getObject);
    }

    @Test
    void classes_areResolvedWithTheContextClassLoaderFirst() throws JMSException {
        TandemObjectMessage m = new TandemObjectMessage();
        m.setObject(new Widget());
        Set<String> asked = ConcurrentHashMap.newKeySet();
        ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(recording);
        try {
            assertTrue(m.getObject() instanceof Widget);
        } finally {
            thread.setContextClassLoader(before);
        }
        assertTrue(asked.contains(Widget.class.getName()), asked.toString());
    }

    @Test
    void withoutContextClassLoader_classesResolveWithOurOwnLoader() throws JMSException {
        TandemObjectMessage m = new TandemObjectMessage();
        m.setObject(new Widget());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            assertTrue(m.getObject() instanceof Widget);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void receivedObjectMessage_isReadOnlyUntilClearBody() throws JMSException {
        TandemObjectMessage sent = new TandemObjectMessage();
        sent.setObject(42);
        TandemObjectMessage received = TestMessages.received(sent);
        assertEquals(42, received.getObject());
        assertThrows(MessageNotWriteableException.class, () -> received.setObject(43));
        received.clearBody();
        assertNull(received.getObject());
        received.setObject(43);
        assertEquals(43, received.getObject());
    }

    @Test
    void getBody_returnsTheObjectForItsClassAndSupertypes() throws JMSException {
        TandemObjectMessage m = new TandemObjectMessage();
        m.setObject(7);
        assertEquals(7, m.getBody(Integer.class));
        assertEquals(7, m.getBody(Number.class));
        assertEquals(7, m.getBody(Serializable.class));
        assertTrue(m.isBodyAssignableTo(Comparable.class));
        assertFalse(m.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
    }

    @Test
    void objectMessageWithoutObject_readsAsNullForAnyType() throws JMSException {
        TandemObjectMessage m = new TandemObjectMessage();
        m.setObject(null);
        assertNull(m.getBody(String.class));
        assertTrue(m.isBodyAssignableTo(String.class));
    }

    private static TandemObjectMessage receivedWithBody(byte[] body) {
        WireMessage wire = WireMessage.builder()
                .messageId("ID:x")
                .destination(DestinationRef.queue("q"))
                .body(BodyType.OBJECT, body)
                .build();
        return (TandemObjectMessage) TandemMessage.fromWire(wire, false, 1);
    }

    /** A Widget whose class name is changed, in the stream, to one of the same length that does not exist. */
    private static byte[] serializedWithMissingClass() throws JMSException {
        byte[] bytes = JavaSerialization.serialize(new Widget());
        byte[] from = "$Widget".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "$Wodget".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
                return bytes;
            }
        }
        throw new AssertionError("class name not found in the stream");
    }
}
