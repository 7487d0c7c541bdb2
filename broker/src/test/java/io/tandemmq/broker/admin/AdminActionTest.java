package io.tandemmq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandemmq.broker.security.Permission;
import io.tandemmq.protocol.BindingKind;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin verbs' words, parsed the same way by the command line and by the broker. */
class AdminActionTest {

    private static AdminAction parse(String line) {
        return AdminAction.parse(List.of(line.split(" ")));
    }

    @Test
    void userAdd_takesItsOptionsInAnyOrder_andDoesNotShowThePassword() {
        AdminAction.AddUser a = (AdminAction.AddUser) parse("user add ann --roles a,b --password s3cret");
        assertEquals("ann", a.name());
        assertEquals("s3cret", a.password());
        assertEquals(Set.of("a", "b"), a.roles());
        assertFalse(a.toString().contains("s3cret"), a.toString());
    }

    @Test
    void everyVerb_parsesToItsAction() {
        assertEquals(new AdminAction.RemoveUser("ann"), parse("user remove ann"));
        assertInstanceOf(AdminAction.ListUsers.class, parse("user list"));
        AdminAction.ChangeGrants revoke = (AdminAction.ChangeGrants) parse("revoke app send,receive queue:orders.*");
        assertFalse(revoke.add());
        assertEquals(Set.of(Permission.SEND, Permission.RECEIVE),
                Set.copyOf(revoke.grants().stream().map(g -> g.permission()).toList()));
        assertEquals(new AdminAction.CreateDestination(DestinationRef.queue("q")), parse("queue create q"));
        assertEquals(new AdminAction.CreateDestination(new DestinationRef(DestinationKind.TOPIC, "t")), parse("topic create t"));
        assertEquals(new AdminAction.DeleteDestination(DestinationRef.queue("q")), parse("queue delete q"));
        assertEquals(new AdminAction.ListDestinations(DestinationKind.QUEUE), parse("queue list"));
        assertEquals(new AdminAction.Bind(new Binding("jms/q", BindingKind.QUEUE, "orders")), parse("bind jms/q queue orders"));
        assertEquals(new AdminAction.Bind(new Binding("cf", BindingKind.CONNECTION_FACTORY, "tandem://h:1,h:2?clientID=c")),
                parse("bind cf connection-factory tandem://h:1,h:2?clientID=c"));
        assertEquals(new AdminAction.Unbind("jms/q"), parse("unbind jms/q"));
        assertInstanceOf(AdminAction.ListBindings.class, parse("list-bindings"));
        assertEquals(new AdminAction.SetAnonymousAccess(true), parse("anonymous on"));
        assertTrue(parse("queue list").needsBroker());
        assertEquals(new AdminAction.QueueStat(null), parse("queue stat"));
        assertEquals(new AdminAction.QueueStat("orders"), parse("queue stat orders"));
        assertEquals(new AdminAction.PurgeQueue("orders"), parse("queue purge orders"));
        assertEquals(new AdminAction.MoveMessages("DLQ", "orders", "region = 'eu'", 5), AdminAction.parse(
                List.of("queue", "move", "DLQ", "orders", "--selector", "region = 'eu'", "--count", "5")));
        IllegalArgumentException badSelector = assertThrows(IllegalArgumentException.class, () -> AdminAction.parse(
                List.of("queue", "move", "DLQ", "orders", "--selector", "region = ")));
        assertTrue(badSelector.getMessage().startsWith("--selector: "), badSelector.getMessage());
        assertEquals(new AdminAction.MoveMessages("DLQ", "orders", null, Integer.MAX_VALUE), parse("queue move DLQ orders"));
        assertInstanceOf(AdminAction.ListConnections.class, parse("connections"));
        assertEquals(new AdminAction.ListGrants("shop"), parse("grants shop"));
        assertEquals(new AdminAction.Backup("/backups/x"), parse("backup /backups/x"));
        assertFalse(parse("backup /b").needsBroker());
        AdminAction passwd = parse("user passwd shop --password s3cret");
        assertEquals(new AdminAction.ChangePassword("shop", "s3cret"), passwd);
        assertFalse(passwd.toString().contains("s3cret"), "the password stays out of logs");
        assertTrue(passwd.changesSomething());
        assertFalse(parse("grants shop").changesSomething());
        assertFalse(parse("list-bindings").needsBroker());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "frobnicate|unknown verb 'frobnicate'",
        "user rename a b|unknown verb 'user rename'",
        "user add ann --roles a|a password is required",
        "user add ann --password p|--roles is required",
        "user add ann --password p --roles a,,b|empty or too long role name",
        "user remove|usage: user remove NAME",
        "grant app send,publish queue:x|unknown permission 'publish'",
        "grant app send orders.*|must start with queue: or topic:",
        "revoke app send|usage: revoke ROLE",
        "queue create a*b|reserved character '*'",
        "queue flush q|unknown verb 'queue flush'",
        "topic purge t|unknown verb 'topic purge'",
        "queue purge|usage: queue purge NAME",
        "queue move DLQ|usage: queue move FROM TO",
        "queue move DLQ q --selector|--selector needs a value",
        "queue move DLQ q --count 0|--count: '0' is not a number",
        "queue move DLQ q --limit 3|unknown option --limit",
        "queue stat a b|usage: queue stat [NAME]",
        "connections all|usage: connections",
        "user passwd shop|usage: user passwd NAME --password-file FILE",
        "grants|usage: grants ROLE",
        "backup|usage: backup FOLDER",
        "bind n table x|unknown binding kind 'table'",
        "bind n connection-factory http://h:1|is not a connection factory URL",
        "bind n queue|usage: bind JNDI_NAME",
        "anonymous maybe|anonymous takes on or off",
        "list-bindings extra|usage: list-bindings",
    })
    void badWords_areRefusedWithAOneLineReason(String line, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(line));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void noWords_nameTheVerbs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdminAction.parse(List.of()));
        assertTrue(e.getMessage().contains("list-bindings"), e.getMessage());
    }
}
