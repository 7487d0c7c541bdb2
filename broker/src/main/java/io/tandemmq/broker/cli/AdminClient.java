package io.tandemmq.broker.cli;

import io.tandemmq.client.shell.ToolUrl;
import io.tandemmq.protocol.ErrorReply;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.Hello;
import io.tandemmq.protocol.NotActive;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.ProtocolVersion;
import io.tandemmq.protocol.tls.ClientTlsSettings;
import io.tandemmq.protocol.tls.TlsSetupException;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking client for command-line administration: one request at a time over a plain
 * socket (a TLS socket for {@code tandems://} URLs), speaking the same frames as the JMS client.
 */
final class AdminClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;
    /** A broker answers a handshake at once; a peer that is silent this long is something else. */
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    private static final String NOT_TANDEM = "not a Tandem broker's client port";
    private static final String NOT_TANDEM_HINT = "is it a Tandem broker's client port (not its --peer-port, nor the"
            + " store's port)?";
    /** A server that does not confirm CLOSE quickly is left anyway. */
    private static final int CLOSE_TIMEOUT_MILLIS = 2_000;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private long nextCorrelation = 1;

    private AdminClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /**
     * Connects to the first server of a {@code tandem://host:port[,host:port][?user=U&password=P]}
     * URL that answers, with the URL's credentials when it has them.
     *
     * @throws IOException when none can be reached (or TLS cannot be set up)
     * @throws ProtocolException when the broker refuses the handshake
     * @throws IllegalArgumentException when the URL's TLS options are wrong
     */
    static AdminClient connect(String url) throws IOException, ProtocolException {
        ToolUrl parsed = ToolUrl.parse(url);
        return connect(url, parsed.user(), parsed.password());
    }

    /**
     * Connects to the first server of the URL that is active, with these credentials (null: none).
     *
     * @throws IOException when none can be reached or none is active
     * @throws ProtocolException when the broker refuses the handshake
     */
    static AdminClient connect(String url, String user, String password) throws IOException, ProtocolException {
        List<String> reasons = new ArrayList<>();
        ToolUrl parsed = ToolUrl.parse(url);
        ClientTlsSettings tls = parsed.tls();
        for (InetSocketAddress server : parsed.servers()) {
            AdminClient client;
            try {
                client = open(server, tls);
            } catch (IOException e) {
                reasons.add(server.getHostString() + ":" + server.getPort() + ": " + e.getMessage());
                continue;
            }
            try {
                client.handshake(user, password);
                return client;
            } catch (IOException e) {
                client.socket.close();
                reasons.add(server.getHostString() + ":" + server.getPort() + ": " + e.getMessage());
            }
        }
        throw new IOException(reasons.isEmpty() ? "no server in " + url : String.join("; ", reasons));
    }

    /**
     * Connects to one server without a handshake: enough for STATUS and SWITCHOVER, which every
     * server answers, active or not.
     *
     * @param tls the URL's TLS settings ({@link ToolUrl#tls}), or null for clear text
     * @throws IOException when the server cannot be reached, or the TLS handshake fails (the
     *         message says why: an untrusted certificate, a host name it does not name...)
     */
    static AdminClient open(InetSocketAddress server, ClientTlsSettings tls) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(server, TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            return new AdminClient(tls == null ? s : secure(s, server, tls));
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static Socket secure(Socket plain, InetSocketAddress server, ClientTlsSettings tls) throws IOException {
        try {
            SSLSocket s = (SSLSocket) tls.sslContext().getSocketFactory()
                    .createSocket(plain, server.getHostString(), server.getPort(), true);
            s.setSSLParameters(tls.parameters(s.getSSLParameters()));
            s.startHandshake();
            return s;
        } catch (TlsSetupException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        } catch (SSLException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IOException("TLS handshake with " + server.getHostString() + ":" + server.getPort() + " failed: "
                    + root.getMessage() + " (trustStore=FILE gives the certificates to trust)", e);
        }
    }

    /** How long to wait for an answer (a switchover waits for writes in flight). */
    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** For a request every broker answers at once (STATUS): a silent peer is something else, said sooner. */
    void expectQuickAnswers() throws IOException {
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
    }

    private void handshake(String user, String password) throws IOException, ProtocolException {
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
        Frame reply = exchange(Frame.of(FrameType.HELLO, nextCorrelation++,
                new Hello(ProtocolVersion.CURRENT, user, password, null, 0, 0)));
        socket.setSoTimeout(TIMEOUT_MILLIS);
        if (reply.type() == FrameType.NOT_ACTIVE) {
            NotActive na = NotActive.read(reply.reader());
            throw new IOException(na.serverName() + " is not the active server");
        }
        if (reply.type() != FrameType.WELCOME) {
            throw errorOf(reply);
        }
    }

    /**
     * @return the OK payload
     * @throws ProtocolException when the broker answered with an error
     */
    byte[] request(FrameType type, byte[] payload) throws IOException, ProtocolException {
        Frame reply = exchange(Frame.of(type, nextCorrelation++, payload));
        if (reply.type() != FrameType.OK) {
            throw errorOf(reply);
        }
        return reply.payload();
    }

    private static ProtocolException errorOf(Frame reply) {
        if (reply.type() == FrameType.ERROR) {
            ErrorReply e = ErrorReply.read(reply.reader());
            return new ProtocolException(e.code(), e.message());
        }
        return new ProtocolException(io.tandemmq.protocol.ErrorCode.PROTOCOL, "unexpected " + reply.type());
    }

    /**
     * Sends a request and reads its answer. A peer that is not a Tandem broker's client port (the
     * store's port, a --peer-port, anything else) is named as such in one line, not a stack trace
     * or a bare "Read timed out".
     */
    private Frame exchange(Frame request) throws IOException {
        try {
            return exchangeFrames(request);
        } catch (io.tandemmq.protocol.MalformedFrameException e) {
            throw new IOException(NOT_TANDEM + " (it answered with bytes that are not Tandem frames: " + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new IOException("closed the connection without answering: " + NOT_TANDEM_HINT, e);
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException("no answer within " + socket.getSoTimeout() + " ms: " + NOT_TANDEM_HINT, e);
        }
    }

    private Frame exchangeFrames(Frame request) throws IOException {
        out.writeInt(request.encodedSize());
        out.writeByte(request.type().code());
        out.writeLong(request.correlationId());
        out.write(request.payload());
        out.flush();
        while (true) {
            int length = in.readInt();
            if (length < Frame.HEADER_SIZE || length > ProtocolVersion.DEFAULT_MAX_FRAME_SIZE) {
                throw new IOException(NOT_TANDEM + " (it answered with a frame length of " + length + ")");
            }
            FrameType type = FrameType.of(in.readByte());
            long correlation = in.readLong();
            byte[] payload = new byte[length - Frame.HEADER_SIZE];
            in.readFully(payload);
            if (correlation == request.correlationId() || type == FrameType.ERROR && correlation == 0) {
                return Frame.of(type, correlation, payload);
            }
            // pings and other one-way frames are not for us
        }
    }

    @Override
    public void close() {
        try {
            socket.setSoTimeout(CLOSE_TIMEOUT_MILLIS);
            exchange(Frame.of(FrameType.CLOSE, nextCorrelation++, new byte[0]));
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
