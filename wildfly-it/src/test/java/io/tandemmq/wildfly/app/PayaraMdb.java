package io.tandemmq.wildfly.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** One row per message of py.mdb, for the Payara application (glassfish-ejb-jar.xml binds it to the adapter). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "py.mdb"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class PayaraMdb extends RowPerMessage {
}
