package io.tandemmq.wildfly.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** A durable subscription to the topic wf.news: one row per message, prefixed "news:". */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "wf.news"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "wf-news-reader"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "wf-news")})
public class NewsMdb extends RowPerMessage {
    @Override
    String prefix() {
        return "news:";
    }
}
