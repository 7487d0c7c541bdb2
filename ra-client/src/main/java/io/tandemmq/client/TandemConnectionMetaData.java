package io.tandemmq.client;

import io.tandemmq.protocol.TandemVersion;
import jakarta.jms.ConnectionMetaData;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What this client implements: Jakarta Messaging 3.1 by Tandem. */
final class TandemConnectionMetaData implements ConnectionMetaData {
    static final TandemConnectionMetaData INSTANCE = new TandemConnectionMetaData();
    static final String PROVIDER_VERSION = TandemVersion.VERSION;

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "Tandem";
    }

    @Override
    public String getProviderVersion() {
        return PROVIDER_VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return 0;
    }

    @Override
    public int getProviderMinorVersion() {
        return 1;
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq"));
    }
}
