package io.tandemmq.protocol;

/** A value that can be written as a frame payload. */
public interface WirePayload {

    void writeTo(WireWriter out);

    default byte[] encode() {
        WireWriter out = new WireWriter();
        writeTo(out);
        return out.toByteArray();
    }
}
