package io.tandemmq.wildfly;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the in-server tests see from outside the server: the application's rows, and the broker's queues. */
final class OutsideView {
    private OutsideView() {
    }

    /** The committed rows of SENT or RECEIVED that start with {@code prefix}, sorted. */
    static List<String> rows(String table, String prefix) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (java.sql.Connection c = DriverManager.getConnection(PairForServers.setup().appDatabaseUrl());
             PreparedStatement p = c.prepareStatement("SELECT TEXT FROM " + table + " WHERE TEXT LIKE ? ORDER BY TEXT")) {
            p.setString(1, prefix + "%");
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    /** Receives (and acknowledges) whatever the queue holds, until it is quiet for a second. */
    static List<String> drain(String queue) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection c = connect()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            TextMessage m;
            while ((m = (TextMessage) consumer.receive(1000)) != null) {
                texts.add(m.getText());
            }
        }
        return texts;
    }

    /** Sends persistent text messages to a queue or topic. */
    static void send(String destination, boolean topic, List<String> texts) throws JMSException {
        try (Connection c = connect()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(topic ? s.createTopic(destination) : s.createQueue(destination));
            for (String t : texts) {
                p.send(s.createTextMessage(t));
            }
        }
    }

    private static Connection connect() throws JMSException {
        return new TandemConnectionFactory(PairForServers.setup().pair().url()).createConnection();
    }
}
