package io.tandemmq.ra;

import java.io.Serializable;

/**
 * The connection config properties that the resource adapter and its connection definitions
 * both carry (ServerUrl, UserName, Password, ClientId and the reconnect settings), as the
 * JavaBean setters application servers call, kept in one immutable {@link ConnectionSettings}.
 */
public abstract class ConnectionProperties implements Serializable {
    private static final long serialVersionUID = 1L;

    private volatile ConnectionSettings settings = ConnectionSettings.NONE;

    /** The properties set on this bean (not merged with any other's). */
    protected ConnectionSettings ownSettings() {
        return settings;
    }

    public String getServerUrl() {
        return settings.serverUrl();
    }

    public void setServerUrl(String v) {
        settings = settings.withServerUrl(v);
    }

    public String getUserName() {
        return settings.userName();
    }

    public void setUserName(String v) {
        settings = settings.withUserName(v);
    }

    public String getPassword() {
        return settings.password();
    }

    public void setPassword(String v) {
        settings = settings.withPassword(v);
    }

    public String getClientId() {
        return settings.clientId();
    }

    public void setClientId(String v) {
        settings = settings.withClientId(v);
    }

    public Integer getReconnectAttempts() {
        return settings.reconnectAttempts();
    }

    public void setReconnectAttempts(Integer v) {
        settings = settings.withReconnectAttempts(v);
    }

    public Long getReconnectInitialInterval() {
        return settings.reconnectInitialInterval();
    }

    public void setReconnectInitialInterval(Long v) {
        settings = settings.withReconnectInitialInterval(v);
    }

    public Long getReconnectMaxInterval() {
        return settings.reconnectMaxInterval();
    }

    public void setReconnectMaxInterval(Long v) {
        settings = settings.withReconnectMaxInterval(v);
    }

    public Long getReconnectTotalTime() {
        return settings.reconnectTotalTime();
    }

    public void setReconnectTotalTime(Long v) {
        settings = settings.withReconnectTotalTime(v);
    }
}
