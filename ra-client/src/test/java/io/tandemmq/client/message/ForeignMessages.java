package io.tandemmq.client.message;

import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages and destinations of a pretend other JMS provider, built as proxies: just enough of the
 * standard interfaces for a provider that copies them through those interfaces.
 */
final class ForeignMessages {

    private ForeignMessages() {
    }

    /**
     * A foreign message of the given interface. The body is a String (text), byte[] (bytes),
     * Map (map), List (stream), Serializable (object) or null.
     */
    static <M extends Message> M message(Class<M> type, Object body) {
        return type.cast(Proxy.newProxyInstance(ForeignMessages.class.getClassLoader(),
                new Class<?>[] {type}, new MessageHandler(body)));
    }

    static Queue queue(String name) {
        return namedQueue(Queue.class, name);
    }

    static TemporaryQueue temporaryQueue(String name) {
        return namedQueue(TemporaryQueue.class, name);
    }

    private static <Q extends Queue> Q namedQueue(Class<Q> type, String name) {
        InvocationHandler handler = (p, m, a) -> m.getName().equals("getQueueName") ? name : objectMethod(p, m, a);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object objectMethod(Object proxy, Method m, Object[] args) {
        return switch (m.getName()) {
            case "toString" -> "foreign@" + System.identityHashCode(proxy);
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(m.getName());
        };
    }

    /** Backs headers and properties with maps and reads the body like a provider would. */
    private static final class MessageHandler implements InvocationHandler {
        private final Map<String, Object> headers = new HashMap<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final Object body;
        private int position;
        int resets;

        MessageHandler(Object body) {
            this.body = body;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (name.startsWith("setJMS")) {
                headers.put(name.substring(3), args[0]);
                return null;
            }
            if (name.startsWith("getJMS")) {
                return headers.getOrDefault(name.substring(3), defaultOf(m.getReturnType()));
            }
            if (name.startsWith("set") && name.endsWith("Property")) {
                properties.put((String) args[0], args[1]);
                return null;
            }
            return switch (name) {
                case "getPropertyNames" -> Collections.enumeration(properties.keySet());
                case "getObjectProperty" -> properties.get((String) args[0]);
                case "getText", "getObject" -> args == null ? body : ((Map<?, ?>) body).get(args[0]);
                case "getMapNames" -> Collections.enumeration(((Map<?, ?>) body).keySet());
                case "reset" -> {
                    position = 0;
                    resets++;
                    yield null;
                }
                case "readBytes" -> readBytes((byte[]) args[0]);
                case "readObject" -> readObject();
                default -> objectMethod(proxy, m, args);
            };
        }

        private int readBytes(byte[] into) {
            byte[] data = (byte[]) body;
            if (position == data.length) {
                return -1;
            }
            int n = Math.min(into.length, data.length - position);
            System.arraycopy(data, position, into, 0, n);
            position += n;
            return n;
        }

        private Object readObject() throws MessageEOFException {
            List<?> items = (List<?>) body;
            if (position == items.size()) {
                throw new MessageEOFException("end");
            }
            return items.get(position++);
        }

        private static Object defaultOf(Class<?> type) {
            if (type == int.class) {
                return 0;
            } else if (type == long.class) {
                return 0L;
            } else if (type == boolean.class) {
                return false;
            }
            return null;
        }
    }

    /** How often the foreign message's body was reset. */
    static int resets(Message foreign) {
        return ((MessageHandler) Proxy.getInvocationHandler(foreign)).resets;
    }
}
