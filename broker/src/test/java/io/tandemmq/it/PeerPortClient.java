package io.tandemmq.it;

import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * A stranger on a broker's heartbeat port, from the test: writes what it is told (frames, raw
 * bytes) and can answer the shared-secret challenge with any secret, computing the proof the way
 * docs/ha.md describes it ({@code HMAC-SHA256(secret, "tandem-peer-proof" | a | c)}), independently
 * of the broker's code.
 */
final class PeerPortClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;
    final Socket socket;
    final DataOutputStream out;
    final DataInputStream in;

    private PeerPortClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.out = new DataOutputStream(socket.getOutputStream());
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** A clear-text connection. */
    static PeerPortClient plain(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        return new PeerPortClient(s);
    }

    /**
     * A TLS connection whose handshake is done.
     *
     * @param keys the key store to show (null: no certificate)
     * @param trust the trust store
     * @throws IOException when the handshake fails
     */
    static PeerPortClient tls(int port, Path keys, Path trust) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (keys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keys), TestKeyStores.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trust));
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        s.setSoTimeout(TIMEOUT_MILLIS);
        s.startHandshake();
        return new PeerPortClient(s);
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream i = Files.newInputStream(file)) {
            k.load(i, TestKeyStores.PASSWORD.toCharArray());
        }
        return k;
    }

    void write(FrameType type, long correlationId, byte[] payload) throws IOException {
        out.writeInt(9 + payload.length);
        out.writeByte(type.code());
        out.writeLong(correlationId);
        out.write(payload);
        out.flush();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the PEER_CHALLENGE the broker sends first; returns its nonce. */
    byte[] readChallenge() throws IOException {
        int length = in.readInt();
        int type = in.readByte();
        in.readLong();
        byte[] payload = new byte[length - 9];
        in.readFully(payload);
        if (type != FrameType.PEER_CHALLENGE.code()) {
            throw new IOException("expected PEER_CHALLENGE, got frame type " + type);
        }
        return new WireReader(payload).readBytes();
    }

    /** Answers a challenge with a proof made from {@code secret}, over its own nonce. */
    void prove(String secret, byte[] challenge) throws IOException {
        byte[] mine = new byte[32];
        new java.security.SecureRandom().nextBytes(mine);
        write(FrameType.PEER_PROOF, 0, new WireWriter().writeBytes(mine)
                .writeBytes(hmac(secret, "tandem-peer-proof", challenge, mine)).toByteArray());
    }

    static byte[] hmac(String secret, String purpose, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the broker closed the connection (reads until the end, skipping what it sends). */
    boolean closedByBroker() {
        try {
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // skip anything the broker sent before closing (for example an accepted proof's answer)
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (IOException e) {
            // a read timeout: the connection is still open
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
