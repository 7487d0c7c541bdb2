package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionManager;

import javax.sql.XAConnection;
import java.nio.file.Path;

/**
 * The transaction manager's JVM of {@link XaTmCrashIT}: consumes a message and inserts a row in
 * one global transaction and halts inside the commit phase, when Narayana asks the Tandem branch
 * to commit (both branches are prepared and the decision is in the log by then).
 *
 * <p>Arguments: object store folder, node identifier, broker URL, Derby database folder, queue.
 * Exit code {@link #HALTED_IN_COMMIT} when it halted as planned.
 */
public final class XaTmCrashChild {
    static final int HALTED_IN_COMMIT = 77;

    private XaTmCrashChild() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.out.println("the commit finished without reaching the Tandem branch's commit");
            System.out.flush();
            Runtime.getRuntime().halt(1);
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(2);
        }
    }

    private static void run(String[] args) throws Exception {
        NarayanaTm narayana = NarayanaTm.start(Path.of(args[0]), args[1]);
        DerbyXa derby = new DerbyXa(Path.of(args[3])).createTable();
        TransactionManager tm = narayana.tm();
        TandemXAConnection c = new TandemConnectionFactory(args[2]).createXAConnection();
        TandemXASession s = c.createXASession();
        MessageConsumer consumer = s.createConsumer(s.createQueue(args[4]));
        c.start();
        XAConnection db = derby.open();
        InterceptedXAResource halting = new InterceptedXAResource(s.getXAResource(), (xid, onePhase) -> {
            System.out.println("halting in the " + (onePhase ? "one" : "two") + "-phase commit of " + xid);
            System.out.flush();
            Runtime.getRuntime().halt(HALTED_IN_COMMIT);
        });
        tm.begin();
        tm.getTransaction().enlistResource(halting);
        tm.getTransaction().enlistResource(db.getXAResource());
        TextMessage m = (TextMessage) consumer.receive(XaJms.RECEIVE_MILLIS);
        if (m == null) {
            throw new IllegalStateException("no message to consume");
        }
        DerbyXa.insert(db, m.getText());
        System.out.println("consumed and inserted " + m.getText() + "; committing");
        tm.commit();
    }
}
