package io.tandemmq.wildfly.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** One row per message of wf.failover, the queue whose broker the failover test kills. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "wf.failover"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class FailoverMdb extends RowPerMessage {
}
