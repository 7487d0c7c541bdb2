package io.tandemmq.bench;

import java.io.IOException;
import java.nio.file.Path;

/** An application server the mdb scenario started: WildFly or Payara Server, as its own processes. */
interface AppServer extends AutoCloseable {
    /** {@code wildfly} or {@code payara}. */
    String name();

    /**
     * Deploys an adapter and creates its outbound XA connection factory.
     *
     * @param serverUrl where the adapter's broker is (for an adapter whose archive does not say)
     * @throws IOException when the server refuses it, with the server's reason
     */
    void deployAdapter(MdbAdapter adapter, Path rar, String serverUrl) throws IOException, InterruptedException;

    /** Where this server binds the adapter's connection factory, for the application's web.xml. */
    String factoryJndi(MdbAdapter adapter);

    /** Deploys an application and waits until it answers at {@code http://127.0.0.1:httpPort()/contextRoot/}. */
    void deployApplication(Path war) throws IOException, InterruptedException;

    int httpPort();

    /** Stops the server and everything it started; the caller's processes are left alone. */
    @Override
    void close() throws IOException, InterruptedException;
}
