package io.tandemmq.it;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A message endpoint factory standing in for an EJB container's: each delivery is a JTA
 * transaction with the adapter's XA resource and a Derby connection enlisted; {@code onMessage}
 * inserts the text, and throws (so that the transaction rolls back) the first {@code failures}
 * times it sees a text starting with "fail".
 */
final class XaEndpointFactory implements MessageEndpointFactory {
    private final TransactionManager tm;
    private final DerbyXa derby;
    private final int failures;
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<String> redelivered = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> thrown = new ConcurrentHashMap<>();

    XaEndpointFactory(TransactionManager tm, DerbyXa derby, int failures) {
        this.tm = tm;
        this.derby = derby;
        this.failures = failures;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xa) {
        return new Endpoint(xa);
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
        return new Endpoint(xa);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return true;
    }

    @Override
    public String getActivationName() {
        return "test-endpoint";
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    final class Endpoint implements MessageEndpoint, MessageListener {
        private final XAResource xa;
        private XAConnection db;

        Endpoint(XAResource xa) {
            this.xa = xa;
        }

        @Override
        public void beforeDelivery(Method method) {
            try {
                tm.begin();
                tm.getTransaction().enlistResource(xa);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onMessage(Message message) {
            try {
                String text = ((TextMessage) message).getText();
                if (text.startsWith("fail") && thrown.computeIfAbsent(text, t -> new AtomicInteger()).getAndIncrement() < failures) {
                    tm.setRollbackOnly();
                    throw new IllegalStateException("onMessage fails for " + text);
                }
                db = derby.open();
                tm.getTransaction().enlistResource(db.getXAResource());
                DerbyXa.insert(db, text);
                delivered.add(text);
                if (message.getJMSRedelivered()) {
                    redelivered.add(text);
                }
            } catch (JMSException | java.sql.SQLException | jakarta.transaction.SystemException
                     | jakarta.transaction.RollbackException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void afterDelivery() {
            try {
                if (tm.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    tm.rollback();
                } else {
                    tm.commit();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                if (db != null) {
                    try {
                        db.close();
                    } catch (java.sql.SQLException ignored) {
                        // the transaction is over; the test checks the rows
                    }
                    db = null;
                }
            }
        }

        @Override
        public void release() {
        }
    }
}
