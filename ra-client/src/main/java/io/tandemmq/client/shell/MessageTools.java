package io.tandemmq.client.shell;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * {@code send}, {@code receive} and {@code browse}: plain JMS programs for the shell, through the
 * Tandem client, so that they find the active server of a pair and fail over like any
 * application. Exit codes: 0 done, 1 the broker refused or the count was not reached, 2 bad usage.
 */
public final class MessageTools {
    static final String DEFAULT_URL = "tandem://127.0.0.1:61620";
    private static final Set<String> COMMON = Set.of("url", "queue", "topic", "user", "password-file");
    private static final int PREVIEW = 60;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream stdin;

    MessageTools(PrintStream out, PrintStream err, InputStream stdin) {
        this.out = out;
        this.err = err;
        this.stdin = stdin;
    }

    /**
     * Runs one tool on the standard streams.
     *
     * @param tool {@code send}, {@code receive} or {@code browse}
     * @return the exit code
     */
    public static int run(String tool, List<String> args) {
        return new MessageTools(System.out, System.err, System.in).runTool(tool, args);
    }

    /** The tools' names, for the command line's dispatch and help. */
    public static boolean isTool(String name) {
        return name.equals("send") || name.equals("receive") || name.equals("browse");
    }

    int runTool(String tool, List<String> args) {
        return switch (tool) {
            case "send" -> send(args);
            case "receive" -> receive(args);
            case "browse" -> browse(args);
            default -> throw new IllegalArgumentException("no tool " + tool);
        };
    }

    // ---- send ----

    private int send(List<String> args) {
        ToolOptions o = ToolOptions.parse(args, union(COMMON, "count", "size", "text", "file", "priority", "ttl", "delay"),
                Set.of("persistent", "non-persistent"), Set.of("property"));
        long count = o.number("count", 1, 1);
        long size = o.number("size", -1, 0);
        long priority = o.number("priority", 4, 0);
        long ttl = o.number("ttl", 0, 0);
        long delay = o.number("delay", 0, 0);
        if (priority > 9) {
            o.problem("--priority: " + priority + " is outside 0..9");
        }
        if (o.flag("persistent") && o.flag("non-persistent")) {
            o.problem("give --persistent or --non-persistent, not both");
        }
        if ((o.has("text") ? 1 : 0) + (o.has("file") ? 1 : 0) + (o.has("size") ? 1 : 0) > 1) {
            o.problem("give one body: --text, --file or --size");
        }
        for (String p : o.all("property")) {
            if (p.indexOf('=') <= 0) {
                o.problem("--property: '" + p + "' must be NAME=VALUE");
            }
        }
        Target target = target(o);
        o.url(DEFAULT_URL);
        if (!o.problems().isEmpty()) {
            return usage("send", o);
        }
        byte[] fileBody;
        try {
            fileBody = o.has("file") ? readBody(o.get("file", null)) : null;
        } catch (IOException e) {
            err.println("tandem send: " + e.getMessage());
            return 1;
        }
        try (Connection c = connect(o)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(target.of(s));
            p.setDeliveryMode(o.flag("non-persistent") ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT);
            p.setPriority((int) priority);
            p.setTimeToLive(ttl);
            p.setDeliveryDelay(delay);
            long start = System.nanoTime();
            for (long i = 1; i <= count; i++) {
                Message m = body(s, o, fileBody, size, i, count);
                for (String prop : o.all("property")) {
                    int eq = prop.indexOf('=');
                    m.setStringProperty(prop.substring(0, eq), prop.substring(eq + 1));
                }
                p.send(m);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("sent %d message%s to %s in %.3f s (%.0f msg/s)%n", count, count == 1 ? "" : "s", target,
                    seconds, seconds > 0 ? count / seconds : 0.0);
            return 0;
        } catch (JMSException | IOException e) {
            return failed("send", e);
        }
    }

    private static Message body(Session s, ToolOptions o, byte[] fileBody, long size, long i, long count)
            throws JMSException {
        if (o.has("text")) {
            return s.createTextMessage(o.get("text", ""));
        }
        if (fileBody != null || size >= 0) {
            BytesMessage b = s.createBytesMessage();
            byte[] bytes = fileBody;
            if (bytes == null) {
                bytes = new byte[(int) Math.min(size, Integer.MAX_VALUE)];
                Arrays.fill(bytes, (byte) 'x');
            }
            b.writeBytes(bytes);
            return b;
        }
        return s.createTextMessage("message " + i + " of " + count);
    }

    /** @param file a path, or {@code -} for standard input */
    private byte[] readBody(String file) throws IOException {
        if (file.equals("-")) {
            return stdin.readAllBytes();
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("--file " + file + ": no such file", e);
        }
    }

    // ---- receive ----

    private int receive(List<String> args) {
        ToolOptions o = ToolOptions.parse(args, union(COMMON, "count", "timeout", "selector", "out", "durable",
                "client-id"), Set.of("quiet"), Set.of());
        long count = o.number("count", 1, 1);
        long timeout = o.number("timeout", 5000, 0);
        Target target = target(o);
        if (o.has("durable") && !target.topic()) {
            o.problem("--durable NAME needs --topic");
        }
        o.url(DEFAULT_URL);
        if (!o.problems().isEmpty()) {
            return usage("receive", o);
        }
        Path outDir = o.has("out") ? Path.of(o.get("out", ".")) : null;
        try (Connection c = connect(o)) {
            if (o.has("client-id")) {
                c.setClientID(o.get("client-id", null));
            }
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String selector = o.get("selector", null);
            MessageConsumer consumer = o.has("durable")
                    ? s.createSharedDurableConsumer((jakarta.jms.Topic) target.of(s), o.get("durable", null), selector)
                    : s.createConsumer(target.of(s), selector);
            c.start();
            long received = 0;
            while (received < count) {
                Message m = timeout == 0 ? consumer.receiveNoWait() : consumer.receive(timeout);
                if (m == null) {
                    break;
                }
                received++;
                if (!o.flag("quiet")) {
                    out.println(line(m));
                }
                if (outDir != null) {
                    Files.createDirectories(outDir);
                    Files.write(outDir.resolve(String.format("message-%06d.body", received)), bodyBytes(m));
                }
            }
            if (received < count) {
                err.println("tandem receive: " + received + " of " + count + " messages arrived from " + target
                        + "; none came for " + timeout + " ms (--timeout)");
                return 1;
            }
            return 0;
        } catch (JMSException | IOException e) {
            return failed("receive", e);
        }
    }

    // ---- browse ----

    private int browse(List<String> args) {
        ToolOptions o = ToolOptions.parse(args, union(COMMON, "selector", "count"), Set.of(), Set.of());
        long max = o.number("count", Long.MAX_VALUE, 1);
        Target target = target(o);
        if (target.topic()) {
            o.problem("only queues can be browsed: give --queue");
        }
        o.url(DEFAULT_URL);
        if (!o.problems().isEmpty()) {
            return usage("browse", o);
        }
        try (Connection c = connect(o)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            c.start();
            long n = 0;
            try (QueueBrowser browser = s.createBrowser((Queue) target.of(s), o.get("selector", null))) {
                Enumeration<?> e = browser.getEnumeration();
                while (n < max && e.hasMoreElements()) {
                    out.println(line((Message) e.nextElement()));
                    n++;
                }
            }
            out.println(n + " message" + (n == 1 ? "" : "s") + " on " + target);
            return 0;
        } catch (JMSException | IOException e) {
            return failed("browse", e);
        }
    }

    // ---- shared ----

    /** The queue or topic named by --queue or --topic (exactly one). */
    private record Target(String name, boolean topic) {
        Destination of(Session s) throws JMSException {
            return topic ? s.createTopic(name) : s.createQueue(name);
        }

        @Override
        public String toString() {
            return (topic ? "topic " : "queue ") + name;
        }
    }

    private static Target target(ToolOptions o) {
        if (o.has("queue") == o.has("topic")) {
            o.problem("give --queue NAME or --topic NAME" + (o.has("queue") ? ", not both" : ""));
            return new Target("", false);
        }
        return o.has("topic") ? new Target(o.get("topic", ""), true) : new Target(o.get("queue", ""), false);
    }

    private static Connection connect(ToolOptions o) throws JMSException, IOException {
        String password = o.password();
        String user = o.get("user", null);
        if ((user == null) != (password == null)) {
            throw new IOException("give --user and --password-file together");
        }
        TandemConnectionFactory factory = new TandemConnectionFactory(o.url(DEFAULT_URL));
        return user == null ? factory.createConnection() : factory.createConnection(user, password);
    }

    /** One line: id, type, size, priority, delivery count, properties and the start of a text. */
    static String line(Message m) throws JMSException {
        StringBuilder b = new StringBuilder();
        b.append(m.getJMSMessageID()).append(' ').append(type(m)).append(' ').append(size(m)).append(" B")
                .append(" priority ").append(m.getJMSPriority());
        if (m.propertyExists("JMSXDeliveryCount")) {
            b.append(" delivery ").append(m.getIntProperty("JMSXDeliveryCount"));
        }
        Enumeration<?> names = m.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMSX")) {
                b.append(' ').append(name).append('=').append(oneLine(String.valueOf(m.getObjectProperty(name))));
            }
        }
        if (m instanceof TextMessage t && t.getText() != null) {
            String text = oneLine(t.getText());
            b.append(" \"").append(text.length() > PREVIEW ? text.substring(0, PREVIEW) + "..." : text).append('"');
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String type(Message m) {
        if (m instanceof TextMessage) {
            return "text";
        } else if (m instanceof BytesMessage) {
            return "bytes";
        } else if (m instanceof MapMessage) {
            return "map";
        } else if (m instanceof ObjectMessage) {
            return "object";
        } else if (m instanceof StreamMessage) {
            return "stream";
        }
        return "message";
    }

    private static long size(Message m) throws JMSException {
        if (m instanceof BytesMessage b) {
            return b.getBodyLength();
        }
        return bodyBytes(m).length;
    }

    /** The body as a file would hold it: text in UTF-8, bytes as they are, others as their text. */
    private static byte[] bodyBytes(Message m) throws JMSException {
        if (m instanceof TextMessage t) {
            return t.getText() == null ? new byte[0] : t.getText().getBytes(StandardCharsets.UTF_8);
        }
        if (m instanceof BytesMessage b) {
            b.reset();
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            b.reset();
            return bytes;
        }
        if (m instanceof MapMessage || m instanceof ObjectMessage || m instanceof StreamMessage) {
            Object body = m instanceof ObjectMessage o ? o.getObject() : m.toString();
            return String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    /** The problems, then where the options are explained: the whole help would bury the problem. */
    private int usage(String tool, ToolOptions o) {
        o.problems().forEach(p -> err.println("tandem " + tool + ": " + p));
        err.println("see 'java -jar tandem-broker.jar " + tool + " --help'");
        return 2;
    }

    private int failed(String tool, Exception e) {
        err.println("tandem " + tool + ": " + e.getMessage());
        return 1;
    }

    private static Set<String> union(Set<String> base, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    /** What {@code TOOL --help} prints. */
    public static String help(String tool) {
        String connect = """
                  --url URL                the server(s): tandem://host:port[,host:port] (default %s)
                  --user NAME              a user of the broker's store, with
                  --password-file FILE     a file whose first line is its password
                """.formatted(DEFAULT_URL);
        return switch (tool) {
            case "send" -> """
                    usage: java -jar tandem-broker.jar send (--queue NAME | --topic NAME) [options]

                    Sends messages through the client (a pair's active server, failing over like any
                    application) and prints how many and how fast.

                      --count N                how many (default 1)
                      --text TEXT              a text message with this body, or
                      --file FILE              a bytes message with the file's content (- for stdin), or
                      --size BYTES             a bytes message of this size;
                                               default: a text message "message I of N"
                      --property NAME=VALUE    a string property (repeat for more)
                      --persistent | --non-persistent   (default persistent)
                      --priority 0..9, --ttl MS, --delay MS (delivery delay)
                    """ + connect;
            case "receive" -> """
                    usage: java -jar tandem-broker.jar receive (--queue NAME | --topic NAME) [options]

                    Receives (consumes) messages and prints one line per message: id, type, size,
                    priority, delivery count, properties, the start of a text. Exit 0 when --count
                    arrived, 1 when the wait for the next one ran out.

                      --count N                how many (default 1)
                      --timeout MS             the longest wait for the next message (default 5000;
                                               0: only what is there now)
                      --selector EXPR          only messages it matches
                      --out DIR                also write each body to DIR/message-NNNNNN.body
                      --quiet                  print nothing per message
                      --durable NAME --client-id ID   a durable subscription of --topic
                    """ + connect;
            case "browse" -> """
                    usage: java -jar tandem-broker.jar browse --queue NAME [options]

                    Lists the messages waiting on a queue without consuming them, one line each,
                    then how many.

                      --selector EXPR          only messages it matches
                      --count N                at most this many
                    """ + connect;
            default -> throw new IllegalArgumentException("no tool " + tool);
        };
    }
}
