package io.tandemmq.ra;

import io.tandemmq.client.transport.ClientOptions;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The connection properties shared by the resource adapter and its connection definitions:
 * {@code ServerUrl}, {@code UserName}, {@code Password}, {@code ClientId} and the reconnect
 * options. A {@code null} value means "not given" (an empty user name or password counts as not
 * given too); {@link #over(ConnectionSettings)} fills the gaps from the adapter's settings.
 * Immutable.
 */
public record ConnectionSettings(String serverUrl, String userName, String password, String clientId,
                                 Integer reconnectAttempts, Long reconnectInitialInterval,
                                 Long reconnectMaxInterval, Long reconnectTotalTime) implements Serializable {

    /** Nothing given. */
    public static final ConnectionSettings NONE = new ConnectionSettings(null, null, null, null, null, null, null, null);

    public ConnectionSettings {
        serverUrl = given(serverUrl);
        userName = given(userName);
        password = given(password);
        clientId = given(clientId);
    }

    /** {@code null} for a null, empty or blank text: application servers hand over empty credentials. */
    public static String given(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** These settings, with every property not given here taken from {@code defaults}. */
    public ConnectionSettings over(ConnectionSettings defaults) {
        return new ConnectionSettings(
                first(serverUrl, defaults.serverUrl), first(userName, defaults.userName),
                first(password, defaults.password), first(clientId, defaults.clientId),
                first(reconnectAttempts, defaults.reconnectAttempts),
                first(reconnectInitialInterval, defaults.reconnectInitialInterval),
                first(reconnectMaxInterval, defaults.reconnectMaxInterval),
                first(reconnectTotalTime, defaults.reconnectTotalTime));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    public ConnectionSettings withServerUrl(String v) {
        return new ConnectionSettings(v, userName, password, clientId, reconnectAttempts, reconnectInitialInterval, reconnectMaxInterval, reconnectTotalTime);
    }

    public ConnectionSettings withUserName(String v) {
        return new ConnectionSettings(serverUrl, v, password, clientId, reconnectAttempts, reconnectInitialInterval, reconnectMaxInterval, reconnectTotalTime);
    }

    public ConnectionSettings withPassword(String v) {
        return new ConnectionSettings(serverUrl, userName, v, clientId, reconnectAttempts, reconnectInitialInterval, reconnectMaxInterval, reconnectTotalTime);
    }

    public ConnectionSettings withClientId(String v) {
        return new ConnectionSettings(serverUrl, userName, password, v, reconnectAttempts, reconnectInitialInterval, reconnectMaxInterval, reconnectTotalTime);
    }

    public ConnectionSettings withReconnectAttempts(Integer v) {
        return new ConnectionSettings(serverUrl, userName, password, clientId, v, reconnectInitialInterval, reconnectMaxInterval, reconnectTotalTime);
    }

    public ConnectionSettings withReconnectInitialInterval(Long v) {
        return new ConnectionSettings(serverUrl, userName, password, clientId, reconnectAttempts, v, reconnectMaxInterval, reconnectTotalTime);
    }

    public ConnectionSettings withReconnectMaxInterval(Long v) {
        return new ConnectionSettings(serverUrl, userName, password, clientId, reconnectAttempts, reconnectInitialInterval, v, reconnectTotalTime);
    }

    public ConnectionSettings withReconnectTotalTime(Long v) {
        return new ConnectionSettings(serverUrl, userName, password, clientId, reconnectAttempts, reconnectInitialInterval, reconnectMaxInterval, v);
    }

    /**
     * Every problem of these settings, each naming its property; empty when they can be used.
     * The client's own URL check runs last, on the URL {@link #clientUrl()} builds.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (serverUrl == null) {
            problems.add("ServerUrl is not set (for example tandem://host1:61620,host2:61621)");
        } else if (!ClientOptions.isTandemUrl(serverUrl)) {
            problems.add("ServerUrl '" + serverUrl + "' does not start with " + ClientOptions.SCHEME + " or "
                    + ClientOptions.TLS_SCHEME);
        }
        if (reconnectAttempts != null && reconnectAttempts < -1) {
            problems.add("ReconnectAttempts=" + reconnectAttempts + " is below -1 (-1 means unlimited within ReconnectTotalTime)");
        }
        atLeast(problems, "ReconnectInitialInterval", reconnectInitialInterval, 1);
        atLeast(problems, "ReconnectMaxInterval", reconnectMaxInterval, 1);
        atLeast(problems, "ReconnectTotalTime", reconnectTotalTime, 0);
        if (problems.isEmpty()) {
            try {
                ClientOptions.parse(clientUrl());
            } catch (IllegalArgumentException e) {
                problems.add("ServerUrl: " + e.getMessage());
            }
        }
        return problems;
    }

    private static void atLeast(List<String> problems, String name, Long value, long min) {
        if (value != null && value < min) {
            problems.add(name + "=" + value + " is below " + min);
        }
    }

    /**
     * The client URL: {@code ServerUrl} with the client id and reconnect options appended (user
     * and password are passed on their own, never in the URL).
     */
    public String clientUrl() {
        StringBuilder url = new StringBuilder(Objects.requireNonNull(serverUrl, "ServerUrl"));
        option(url, "clientID", clientId);
        option(url, "reconnectAttempts", reconnectAttempts);
        option(url, "reconnectInitialInterval", reconnectInitialInterval);
        option(url, "reconnectMaxInterval", reconnectMaxInterval);
        option(url, "reconnectTotalTime", reconnectTotalTime);
        return url.toString();
    }

    private static void option(StringBuilder url, String key, Object value) {
        if (value != null) {
            url.append(url.indexOf("?") < 0 ? '?' : '&').append(key).append('=')
                    .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        // a TLS URL may carry trustStorePassword=...
        String url = serverUrl == null ? null : serverUrl.replaceAll("(?i)(password)=[^&]*", "$1=***");
        return "ConnectionSettings[serverUrl=" + url + ", userName=" + userName + ", password="
                + (password == null ? null : "***") + ", clientId=" + clientId + ", reconnectAttempts=" + reconnectAttempts
                + ", reconnectInitialInterval=" + reconnectInitialInterval + ", reconnectMaxInterval=" + reconnectMaxInterval
                + ", reconnectTotalTime=" + reconnectTotalTime + "]";
    }
}
