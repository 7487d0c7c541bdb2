package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A prepared XA branch holding messages of a queue whose backlog lies mostly in the store only
 * (a window of 10): after a SIGKILL the held messages stay with the branch while the others are
 * read back around them, and a rollback brings each held one back once.
 */
class PagedXaIT {
    private static final int WINDOW = 10;

    @TempDir
    Path dir;

    @Test
    void preparedBranchHoldingPartOfAPagedBacklog_survivesSigkill_andItsRollbackBringsEachBackOnce() throws Exception {
        String queue = "paged-xa";
        try (BrokerProcess broker = BrokerProcess.startOnConfiguredStore(dir, "--queue-window", String.valueOf(WINDOW))) {
            XaJms.send(broker.url(), queue, texts(0, 40));
            TestXid xid = TestXid.next();
            List<String> held = new ArrayList<>();
            try (TandemXAConnection c = new TandemConnectionFactory(broker.url()).createXAConnection()) {
                TandemXASession s = c.createXASession();
                MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
                c.start();
                XAResource xa = s.getXAResource();
                xa.start(xid, XAResource.TMNOFLAGS);
                for (int i = 0; i < 15; i++) {
                    TextMessage m = (TextMessage) consumer.receive(XaJms.RECEIVE_MILLIS);
                    assertNotNull(m, "message " + i + " of the branch");
                    held.add(m.getText());
                }
                xa.end(xid, XAResource.TMSUCCESS);
                assertEquals(XAResource.XA_OK, xa.prepare(xid));
                broker.kill();
            }
            assertEquals(List.of(texts(0, 15)), held, "beyond the window, in order");
            broker.restart();
            assertTrue(XaJms.contains(XaJms.inDoubt(broker.url()), xid), "the prepared branch did not survive the SIGKILL");
            assertEquals(List.of(texts(15, 40)), XaJms.drain(broker.url(), queue),
                    "the others, each once, none of those the branch holds");
            try (TandemXAConnection c = new TandemConnectionFactory(broker.url()).createXAConnection()) {
                c.createXASession().getXAResource().rollback(xid);
            }
            assertEquals(List.of(texts(0, 15)), XaJms.drain(broker.url(), queue), "the rolled back ones, each once");
        }
    }

    private static String[] texts(int from, int to) {
        String[] texts = new String[to - from];
        for (int i = from; i < to; i++) {
            texts[i - from] = "m-" + i;
        }
        return texts;
    }
}
