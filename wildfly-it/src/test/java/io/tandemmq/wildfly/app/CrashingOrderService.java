package io.tandemmq.wildfly.app;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.jms.JMSException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.List;

/** Sends and inserts like {@link OrderService}, then has the brokers killed once the adapter's branch is prepared. */
@Stateless
public class CrashingOrderService {
    @EJB
    private OrderService orders;
    /** Where WildFly and Payara bind their transaction manager (the platform names none; enlisting a resource needs it). */
    private static final List<String> TRANSACTION_MANAGER_NAMES =
            List.of("java:jboss/TransactionManager", "java:appserver/TransactionManager");

    public void sendAndKillAfterPrepare(String queue, String text, List<Long> brokerPids) throws JMSException {
        orders.sendAndRecord(queue, text, false);
        try {
            transactionManager().getTransaction().enlistResource(new BrokerKiller(brokerPids));
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TransactionManager transactionManager() {
        for (String name : TRANSACTION_MANAGER_NAMES) {
            try {
                return (TransactionManager) new InitialContext().lookup(name);
            } catch (NamingException e) {
                // not this server's name
            }
        }
        throw new IllegalStateException("no transaction manager under " + TRANSACTION_MANAGER_NAMES);
    }
}
