package io.tandemmq.wildfly.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** One row per message of wf.mdb, with three concurrent consumers. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "wf.mdb"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "3")})
public class RecordingMdb extends RowPerMessage {
}
