package io.tandemmq.ra.inbound;

import io.tandemmq.ra.ConnectionSettings;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The activation properties of a message-driven bean on Tandem: {@code destination} (required),
 * {@code destinationType} ({@code jakarta.jms.Queue}, default, or {@code jakarta.jms.Topic}),
 * {@code messageSelector}, {@code acknowledgeMode} ({@code Auto-acknowledge}, default, or
 * {@code Dups-ok-acknowledge}; used when delivery is not transacted), {@code subscriptionDurability}
 * ({@code NonDurable}, default, or {@code Durable}), {@code subscriptionName} (required for a
 * durable subscription), {@code clientId}, {@code shareSubscriptions} (default false),
 * {@code maxSession} (concurrent consumers, default 15) and {@code serverUrl}/{@code userName}/
 * {@code password} overriding the adapter's.
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
        if (ConnectionSettings.given(destination) == null) {
            problems.add(ConnectionSettings.given(destinationLookup) != null
                    ? "destinationLookup is not supported yet: set destination to the queue or topic name"
                    : "destination is not set");
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
        if (shareSubscriptions && TOPIC.equals(destinationType) && ConnectionSettings.given(subscriptionName) == null) {
            problems.add("subscriptionName is required for a shared subscription (shareSubscriptions=true)");
        }
        if (isDurable() && !TOPIC.equals(destinationType)) {
            problems.add("subscriptionDurability Durable needs destinationType " + TOPIC);
        }
        if (maxSession < 1) {
            problems.add("maxSession=" + maxSession + " must be at least 1");
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
