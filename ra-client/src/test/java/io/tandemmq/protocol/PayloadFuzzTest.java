package io.tandemmq.protocol;

import io.tandemmq.protocol.ProtocolSamples.Sample;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random input for every reader: each must either read a value or throw
 * {@link MalformedFrameException}, never another exception or error. The seeds are fixed, so a
 * failure can be replayed from the reported iteration.
 */
class PayloadFuzzTest {
    private static final int ITERATIONS = 10_000;
    private static final Map<String, Function<WireReader, Object>> READERS = ProtocolSamples.readers();

    @Test
    void randomBytes_causeNothingButMalformedFrameException() {
        Random random = new Random(0x7a4de3L);
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] bytes = randomBytes(random);
            accepted += feedToEveryReader(bytes, "random input #" + i);
        }
        assertTrue(accepted > 0, "some random inputs should be valid payloads of some reader");
    }

    @Test
    void mutatedEncodings_causeNothingButMalformedFrameException() {
        Random random = new Random(0x5eedL);
        List<Sample> samples = ProtocolSamples.all();
        for (int i = 0; i < ITERATIONS; i++) {
            Sample sample = samples.get(random.nextInt(samples.size()));
            byte[] bytes = mutate(sample.bytes(), random);
            feedToEveryReader(bytes, "mutation #" + i + " of " + sample);
        }
    }

    /** Mostly zeros and small numbers, so that lengths and counts often fit and decoding goes deep. */
    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(random.nextBoolean() ? 24 : 160)];
        for (int j = 0; j < b.length; j++) {
            int kind = random.nextInt(4);
            b[j] = (byte) (kind <= 1 ? 0 : kind == 2 ? random.nextInt(12) : random.nextInt(256));
        }
        return b;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes && b.length > 0; c++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> b[at] = (byte) (random.nextBoolean() ? 0xff : 0x7f);
                case 3 -> b = Arrays.copyOf(b, at);
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    /** @return how many readers accepted the bytes */
    private static int feedToEveryReader(byte[] bytes, String what) {
        int accepted = 0;
        accepted += survives(what, "WireMessage.decode", bytes, WireMessage::decode);
        for (Map.Entry<String, Function<WireReader, Object>> reader : READERS.entrySet()) {
            accepted += survives(what, reader.getKey(), bytes, b -> ProtocolSamples.readWhole(reader.getValue(), b));
        }
        return accepted;
    }

    private static int survives(String what, String reader, byte[] bytes, Function<byte[], Object> read) {
        try {
            read.apply(bytes);
            return 1;
        } catch (MalformedFrameException expected) {
            return 0;
        } catch (Throwable t) {
            fail(reader + " threw " + t + " on " + what + ": " + HexFormat.of().formatHex(bytes), t);
            return 0;
        }
    }
}
