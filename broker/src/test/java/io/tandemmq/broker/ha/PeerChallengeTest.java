package io.tandemmq.broker.ha;

import io.tandemmq.broker.config.PeerSecret;
import io.tandemmq.protocol.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerChallengeTest {
    private static final PeerChallenge PAIR = new PeerChallenge(secret("the pair's secret, long enough"));
    private static final PeerChallenge STRANGER = new PeerChallenge(secret("a stranger's guess, long enough"));

    private static PeerSecret secret(String s) {
        return new PeerSecret(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void proofOfTheSameSecret_matches_andAnotherSecretsDoesNot() {
        byte[] a = PeerChallenge.nonce();
        byte[] c = PeerChallenge.nonce();
        assertTrue(PeerChallenge.same(PAIR.proof(a, c), new PeerChallenge(secret("the pair's secret, long enough")).proof(a, c)));
        assertFalse(PeerChallenge.same(PAIR.proof(a, c), STRANGER.proof(a, c)));
    }

    @Test
    void proofForOneChallenge_isWorthlessForTheNext() {
        byte[] c = PeerChallenge.nonce();
        assertFalse(PeerChallenge.same(PAIR.proof(PeerChallenge.nonce(), c), PAIR.proof(PeerChallenge.nonce(), c)));
    }

    @Test
    void proofAndAcceptance_differ_soOneCannotBeEchoedAsTheOther() {
        byte[] a = PeerChallenge.nonce();
        byte[] c = PeerChallenge.nonce();
        assertFalse(PeerChallenge.same(PAIR.proof(a, c), PAIR.acceptance(a, c)));
    }

    @Test
    void sealedHeartbeat_opensOnTheOtherEnd_once_andOnlyUntampered() {
        byte[] a = PeerChallenge.nonce();
        byte[] c = PeerChallenge.nonce();
        HeartbeatSeal sender = PAIR.seal(a, c);
        HeartbeatSeal receiver = PAIR.seal(a, c);
        byte[] beat = {1, 2, 3};
        long seq = sender.next();
        byte[] sealed = sender.seal(seq, beat);
        assertArrayEquals(beat, receiver.open(seq, sealed));
        assertThrows(MalformedFrameException.class, () -> receiver.open(seq, sealed), "a replay");
        byte[] tampered = sender.seal(sender.next(), beat);
        tampered[0] ^= 1;
        assertThrows(MalformedFrameException.class, () -> receiver.open(2, tampered));
        assertThrows(MalformedFrameException.class, () -> STRANGER.seal(a, c).open(1, PAIR.seal(a, c).seal(1, beat)),
                "another secret's key");
        assertThrows(MalformedFrameException.class, () -> receiver.open(9, new byte[3]), "shorter than a MAC");
    }

    @Test
    void secretShorterThanSixteenBytes_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> secret("too short"));
        assertFalse(secret("0123456789abcdef").toString().contains("0123"), "never printed");
    }
}
