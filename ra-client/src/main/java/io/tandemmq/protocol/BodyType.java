package io.tandemmq.protocol;

/** Which of the five JMS message types (or a bare {@code Message}) a body belongs to. */
public enum BodyType {
    NONE, TEXT, BYTES, MAP, STREAM, OBJECT;

    static BodyType fromByte(int b) {
        BodyType[] all = values();
        if (b < 0 || b >= all.length) {
            throw new MalformedFrameException("unknown body type " + b);
        }
        return all[b];
    }
}
