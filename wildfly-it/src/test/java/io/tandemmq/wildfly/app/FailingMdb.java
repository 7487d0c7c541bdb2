package io.tandemmq.wildfly.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** Always throws: its messages come again, then go to wf.dead after three deliveries. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "wf.failing"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "maxDeliveryAttempts", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "deadLetterQueue", propertyValue = "wf.dead")})
public class FailingMdb implements MessageListener {
    @Override
    public void onMessage(Message message) {
        try {
            Attempts.count(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("this bean fails every message");
    }
}
