package io.tandemmq.broker.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandemmq.protocol.DestinationKind;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void permissionNames_parseCaseInsensitively() {
        assertEquals(Permission.SEND, Permission.parse("send"));
        assertEquals(Permission.ADMIN, Permission.parse(" ADMIN "));
        assertEquals(EnumSet.of(Permission.SEND, Permission.RECEIVE, Permission.BROWSE),
                Permission.parseList("send,receive,browse"));
    }

    @Test
    void anUnknownPermission_isRefusedNamingItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Permission.parseList("send,publish"));
        assertTrue(e.getMessage().contains("'publish'"), e.getMessage());
        assertTrue(e.getMessage().contains("send, receive, browse, create, delete, admin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Permission.parseList("send,"));
    }

    @Test
    void anAccessCheck_allowsOnlyWhatItsGrantsCover() {
        AccessCheck access = AccessCheck.of("bob", List.of(
                new Grant("app", Permission.SEND, DestinationPattern.parse("queue:orders")),
                new Grant("app", Permission.RECEIVE, DestinationPattern.parse("topic:prices.#"))));
        assertTrue(access.allows(Permission.SEND, DestinationKind.QUEUE, "orders"));
        assertFalse(access.allows(Permission.SEND, DestinationKind.QUEUE, "invoices"));
        assertFalse(access.allows(Permission.RECEIVE, DestinationKind.QUEUE, "orders"));
        assertTrue(access.allows(Permission.RECEIVE, DestinationKind.TOPIC, "prices.eur"));
        assertFalse(access.allowsAnywhere(Permission.ADMIN));
        assertEquals("user 'bob' has no 'send' permission for queue 'invoices'",
                access.refusal(Permission.SEND, DestinationKind.QUEUE, "invoices"));
    }

    @Test
    void allowAll_allowsEverything() {
        assertTrue(AccessCheck.ALLOW_ALL.allows(Permission.ADMIN, DestinationKind.TOPIC, "x"));
        assertTrue(AccessCheck.ALLOW_ALL.allowsAnywhere(Permission.DELETE));
    }

    @Test
    void failedLogins_waitLongerEachTime_upToTheCap_andASuccessStartsAgain() {
        FailedLogins f = new FailedLogins(100, 1_000, 60_000);
        assertEquals(100, f.failed("10.0.0.1"));
        assertEquals(200, f.failed("10.0.0.1"));
        assertEquals(400, f.failed("10.0.0.1"));
        assertEquals(100, f.failed("10.0.0.2"));
        assertEquals(800, f.failed("10.0.0.1"));
        assertEquals(1_000, f.failed("10.0.0.1"));
        assertEquals(1_000, f.failed("10.0.0.1"));
        f.succeeded("10.0.0.1");
        assertEquals(100, f.failed("10.0.0.1"));
    }
}
