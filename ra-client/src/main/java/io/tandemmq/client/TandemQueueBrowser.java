package io.tandemmq.client;

import io.tandemmq.client.message.TandemMessage;
import io.tandemmq.protocol.Browse;
import io.tandemmq.protocol.BrowseBatch;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.WireMessage;
import io.tandemmq.protocol.WireReader;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * Browses a queue page by page: each enumeration reads the queue from its start as it is at the
 * time each page is fetched (a dynamic view, as the spec allows), without consuming anything.
 */
public class TandemQueueBrowser implements QueueBrowser {
    private static final int PAGE = 100;
    private final TandemSession session;
    private final TandemDestination queue;
    private final String selector;
    private volatile boolean closed;

    /** @throws jakarta.jms.InvalidSelectorException when the selector does not parse */
    TandemQueueBrowser(TandemSession session, TandemDestination queue, String selector) throws JMSException {
        if (!queue.kind().isQueue()) {
            throw new InvalidDestinationException(queue + " is not a queue");
        }
        this.session = session;
        this.queue = queue;
        this.selector = selector == null || selector.isBlank() ? null : selector;
        fetch(0, 1);
    }

    private BrowseBatch fetch(long after, int max) throws JMSException {
        Frame reply = session.connection().call(FrameType.BROWSE, new Browse(queue.toRef(), selector, after, max));
        return BrowseBatch.read(new WireReader(reply.payload()));
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return (Queue) queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        session.checkOpen();
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        return new Pages();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Fetches pages as the application walks the enumeration. */
    private final class Pages implements Enumeration<Message> {
        private final ArrayDeque<WireMessage> page = new ArrayDeque<>();
        private long after;
        private boolean more = true;

        @Override
        public boolean hasMoreElements() {
            if (page.isEmpty() && more && !closed) {
                try {
                    BrowseBatch batch = fetch(after, PAGE);
                    page.addAll(batch.messages());
                    after = batch.lastSequence();
                    more = batch.more();
                } catch (JMSException e) {
                    throw new JMSRuntimeException("browsing " + queue + " failed: " + e.getMessage(), e.getErrorCode(), e);
                }
            }
            return !page.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException();
            }
            return TandemMessage.fromWire(page.poll(), false, 0);
        }
    }
}
