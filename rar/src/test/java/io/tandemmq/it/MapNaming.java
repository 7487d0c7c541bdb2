package io.tandemmq.it;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.InitialContextFactory;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A naming context standing in for an application server's: {@code new InitialContext()} looks
 * names up in {@link #BOUND} while {@link #install()} is in force (it sets
 * {@code java.naming.factory.initial} for the JVM, so close what it returns).
 */
public final class MapNaming implements InitialContextFactory {
    static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    /** Makes this the JVM's initial context factory until the returned handle is closed. */
    static AutoCloseable install() {
        String before = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, MapNaming.class.getName());
        return () -> {
            BOUND.clear();
            if (before == null) {
                System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
            } else {
                System.setProperty(Context.INITIAL_CONTEXT_FACTORY, before);
            }
        };
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(MapNaming.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object found = BOUND.get(String.valueOf(args[0]));
                        if (found == null) {
                            throw new NameNotFoundException(args[0] + " is not bound");
                        }
                        yield found;
                    }
                    case "close" -> null;
                    case "toString" -> "MapNaming" + BOUND.keySet();
                    default -> throw new OperationNotSupportedException(method.getName());
                });
    }
}
