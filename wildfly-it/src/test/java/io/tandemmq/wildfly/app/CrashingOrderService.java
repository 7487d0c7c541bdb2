package io.tandemmq.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.jms.JMSException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import java.util.List;

/** Sends and inserts like {@link OrderService}, then has the brokers killed once the adapter's branch is prepared. */
@Stateless
public class CrashingOrderService {
    @EJB
    private OrderService orders;
    /** WildFly's name for its transaction manager: enlisting a resource of our own needs it. */
    @Resource(lookup = "java:jboss/TransactionManager")
    private TransactionManager transactions;

    public void sendAndKillAfterPrepare(String queue, String text, List<Long> brokerPids) throws JMSException {
        orders.sendAndRecord(queue, text, false);
        try {
            transactions.getTransaction().enlistResource(new BrokerKiller(brokerPids));
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
