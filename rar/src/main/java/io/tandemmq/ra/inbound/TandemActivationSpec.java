package io.tandemmq.ra.inbound;

import io.tandemmq.ra.ConnectionSettings;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The activation properties of a message-driven bean on Tandem: {@code destination} or
 * {@code destinationLookup} (one is required; the lookup wins and its object decides queue or topic),
 * {@code destinationType} ({@code jakarta.jms.Queue}, default, or {@code jakarta.jms.Topic}),
 * {@code messageSelector}, {@code acknowledgeMode} ({@code Auto-acknowledge}, default, or
 * {@code Dups-ok-acknowledge}; used when delivery is not transacted), {@code subscriptionDurability}
 * ({@code NonDurable}, default, or {@code Durable}), {@code subscriptionName} (required for a
 * durable subscription), {@code clientId}, {@code shareSubscriptions} (default false),
 * {@code maxSession} (concurrent consumers, default 15), {@code connectionFactoryLookup} (a Tandem
 * connection factory whose settings apply under the spec's own), {@code serverUrl}/{@code userName}/
 * {@code password} overriding the adapter's, and the redelivery settings {@code redeliveryDelay}
 * (ms a consumer waits after a failed delivery, default 0), {@code maxDeliveryAttempts} (0, default:
 * the broker's limit applies; otherwise a message delivered more often goes to
 * {@code deadLetterQueue}, default {@code DLQ}, instead of to the bean).
 */
public class TandemActivationSpec implements ActivationSpec, Serializable {
    private static final long serialVersionUID = 1L;
    public static final String QUEUE = "jakarta.jms.Queue";
    public static final String TOPIC = "jakarta.jms.Topic";

    private transient ResourceAdapter adapter;
    private String destination;
    private String destinationLookup;
    private String destinationType = QUEUE;
    private String messageSelector;
    private String acknowledgeMode = "Auto-acknowledge";
    private String subscriptionDurability = "NonDurable";
    private String subscriptionName;
    private String clientId;
    private boolean shareSubscriptions;
    private int maxSession = 15;
    private String serverUrl;
    private String userName;
    private String password;
    private String connectionFactoryLookup;
    private long redeliveryDelay;
    private int maxDeliveryAttempts;
    private String deadLetterQueue = "DLQ";

    /**
     * @throws InvalidPropertyException naming every property that is wrong
     */
    @Override
    public void validate() throws InvalidPropertyException {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidPropertyException("Tandem activation spec: " + String.join("; ", problems));
        }
    }

    /** Every problem of this spec, each naming its property. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (ConnectionSettings.given(destination) == null && ConnectionSettings.given(destinationLookup) == null) {
            problems.add("neither destination nor destinationLookup is set");
        }
        if (!QUEUE.equals(destinationType) && !TOPIC.equals(destinationType)) {
            problems.add("destinationType '" + destinationType + "' is neither " + QUEUE + " nor " + TOPIC);
        }
        if (!"Auto-acknowledge".equals(acknowledgeMode) && !"Dups-ok-acknowledge".equals(acknowledgeMode)) {
            problems.add("acknowledgeMode '" + acknowledgeMode + "' is neither Auto-acknowledge nor Dups-ok-acknowledge");
        }
        if (!"Durable".equals(subscriptionDurability) && !"NonDurable".equals(subscriptionDurability)) {
            problems.add("subscriptionDurability '" + subscriptionDurability + "' is neither Durable nor NonDurable");
        }
        if (isDurable() && ConnectionSettings.given(subscriptionName) == null) {
            problems.add("subscriptionName is required for a durable subscription");
        }
        if (ConnectionSettings.given(destinationLookup) == null) {
            problems.addAll(targetProblems(new DeliveryTarget(destination, isTopic())));
        }
        if (maxSession < 1) {
            problems.add("maxSession=" + maxSession + " must be at least 1");
        }
        if (redeliveryDelay < 0) {
            problems.add("redeliveryDelay=" + redeliveryDelay + " must not be negative");
        }
        if (maxDeliveryAttempts < 0) {
            problems.add("maxDeliveryAttempts=" + maxDeliveryAttempts + " must not be negative (0: the broker's limit)");
        }
        if (maxDeliveryAttempts > 0 && ConnectionSettings.given(deadLetterQueue) == null) {
            problems.add("deadLetterQueue is required when maxDeliveryAttempts is set");
        }
        return problems;
    }

    /** What is wrong with this spec for that destination (known once destinationLookup is resolved). */
    List<String> targetProblems(DeliveryTarget target) {
        List<String> problems = new ArrayList<>();
        if (shareSubscriptions && target.topic() && ConnectionSettings.given(subscriptionName) == null) {
            problems.add("subscriptionName is required for a shared subscription (shareSubscriptions=true)");
        }
        if (isDurable() && !target.topic()) {
            problems.add("subscriptionDurability Durable needs a topic, and " + target.destination() + " is a queue");
        }
        return problems;
    }

    boolean isTopic() {
        return TOPIC.equals(destinationType);
    }

    boolean isDurable() {
        return "Durable".equals(subscriptionDurability);
    }

    /** The connection settings of this spec: its own, the rest from {@code adapterSettings}. */
    public ConnectionSettings settings(ConnectionSettings adapterSettings) {
        return new ConnectionSettings(serverUrl, userName, password, clientId, null, null, null, null).over(adapterSettings);
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.adapter = ra;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String v) {
        destination = v;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String v) {
        connectionFactoryLookup = v;
    }

    public Long getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(Long v) {
        redeliveryDelay = v == null ? 0 : v;
    }

    public Integer getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(Integer v) {
        maxDeliveryAttempts = v == null ? 0 : v;
    }

    public String getDeadLetterQueue() {
        return deadLetterQueue;
    }

    public void setDeadLetterQueue(String v) {
        deadLetterQueue = v;
    }

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String v) {
        destinationLookup = v;
    }

    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String v) {
        destinationType = v;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String v) {
        messageSelector = ConnectionSettings.given(v);
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String v) {
        acknowledgeMode = v;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String v) {
        subscriptionDurability = v;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String v) {
        subscriptionName = v;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String v) {
        clientId = v;
    }

    public Boolean getShareSubscriptions() {
        return shareSubscriptions;
    }

    public void setShareSubscriptions(Boolean v) {
        shareSubscriptions = v != null && v;
    }

    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer v) {
        maxSession = v == null ? 15 : v;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public void setServerUrl(String v) {
        serverUrl = v;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String v) {
        userName = v;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String v) {
        password = v;
    }

    @Override
    public String toString() {
        return "TandemActivationSpec[destination=" + destination + ", destinationType=" + destinationType
                + ", messageSelector=" + messageSelector + ", maxSession=" + maxSession + "]";
    }
}
