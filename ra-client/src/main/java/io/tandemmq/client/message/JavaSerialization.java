package io.tandemmq.client.message;

import jakarta.jms.MessageFormatException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization of {@code ObjectMessage} bodies. Classes are resolved with the thread's
 * context class loader first, as application classes in a container are only visible there, then
 * with the loader of this class.
 *
 * <p>There is no class filter beyond the JVM-wide {@code jdk.serialFilter}: an object body is as
 * trustworthy as whoever may send to the destination.
 */
final class JavaSerialization {

    private JavaSerialization() {
    }

    /** @throws MessageFormatException when the object, or something it refers to, cannot be serialized */
    static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException | RuntimeException e) {
            throw MessageExceptions.formatError("cannot serialize the " + object.getClass().getName() + " object", e);
        }
        return bytes.toByteArray();
    }

    /** @throws MessageFormatException when the bytes cannot be deserialized, e.g. a class is missing */
    static Serializable deserialize(byte[] serialized) throws MessageFormatException {
        try (ObjectInputStream in = new LoaderAwareInputStream(new ByteArrayInputStream(serialized))) {
            Object object = in.readObject();
            if (object != null && !(object instanceof Serializable)) {
                throw new MessageFormatException(
                        "the body holds a " + object.getClass().getName() + ", not a Serializable");
            }
            return (Serializable) object;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw MessageExceptions.formatError("cannot deserialize the object body: " + e, e);
        }
    }

    private static final class LoaderAwareInputStream extends ObjectInputStream {

        LoaderAwareInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // not visible to the application: try the loaders below
                }
            }
            try {
                return Class.forName(desc.getName(), false, JavaSerialization.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // primitive types and what the default lookup finds
                return super.resolveClass(desc);
            }
        }
    }
}
