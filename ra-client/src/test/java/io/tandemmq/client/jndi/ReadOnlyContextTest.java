package io.tandemmq.client.jndi;

import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlyContextTest {
    private final TandemQueue queue = new TandemQueue("orders");
    private final TandemTopic topic = new TandemTopic("prices");
    private final ReadOnlyContext ctx = new ReadOnlyContext(environment(), bindings());

    private static Hashtable<String, Object> environment() {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("some.setting", "value");
        return env;
    }

    private Map<String, Object> bindings() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jms/orders", queue);
        b.put("prices", topic);
        return b;
    }

    @Test
    void lookup_findsBoundObjectsByTheirExactName() throws NamingException {
        assertSame(queue, ctx.lookup("jms/orders"));
        assertSame(topic, ctx.lookup("prices"));
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("Prices"));
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("java:comp/env/prices"));
    }

    @Test
    void lookup_byNameObject_findsTheSameObjects() throws NamingException {
        assertSame(topic, ctx.lookup(new CompositeName("prices")));
        assertSame(queue, ctx.lookup(new CompositeName("jms/orders")));
        assertSame(queue, ctx.lookup(ctx.getNameParser("").parse("jms/orders")));
    }

    @Test
    void lookupOfAnUnknownName_throwsNameNotFoundNamingIt() {
        NameNotFoundException e = assertThrows(NameNotFoundException.class, () -> ctx.lookup("missing"));
        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
        assertTrue(e.getMessage().contains("jms/orders, prices"), e.getMessage());
        NameNotFoundException byName = assertThrows(NameNotFoundException.class,
                () -> ctx.lookup(new CompositeName("missing")));
        assertTrue(byName.getMessage().contains("'missing'"), byName.getMessage());
    }

    @Test
    void lookupOfTheEmptyName_returnsANewContextWithTheSameBindings() throws NamingException {
        Context same = assertInstanceOf(Context.class, ctx.lookup(""));
        assertNotSame(ctx, same);
        assertSame(queue, same.lookup("jms/orders"));
        assertEquals("value", same.getEnvironment().get("some.setting"));
        assertInstanceOf(Context.class, ctx.lookup(new CompositeName()));
    }

    @Test
    void lookupLink_isLookup() throws NamingException {
        assertSame(topic, ctx.lookupLink("prices"));
        assertSame(topic, ctx.lookupLink(new CompositeName("prices")));
        assertThrows(NameNotFoundException.class, () -> ctx.lookupLink("missing"));
    }

    @Test
    void list_enumeratesNamesAndClassNamesInBindingOrder() throws NamingException {
        List<String> seen = new ArrayList<>();
        NamingEnumeration<NameClassPair> e = ctx.list("");
        while (e.hasMore()) {
            NameClassPair pair = e.next();
            seen.add(pair.getName() + "=" + pair.getClassName());
        }
        e.close();
        assertEquals(List.of("jms/orders=" + TandemQueue.class.getName(), "prices=" + TandemTopic.class.getName()),
                seen);
        assertTrue(ctx.list(new CompositeName()).hasMoreElements());
    }

    @Test
    void listBindings_enumeratesTheBoundObjects() throws NamingException {
        List<Object> seen = new ArrayList<>();
        NamingEnumeration<Binding> e = ctx.listBindings(new CompositeName());
        while (e.hasMoreElements()) {
            Binding b = e.nextElement();
            seen.add(b.getName());
            seen.add(b.getObject());
        }
        assertEquals(List.of("jms/orders", queue, "prices", topic), seen);
        assertTrue(ctx.listBindings("").hasMore());
    }

    @Test
    void listOfABoundObject_throwsNotContext() {
        NotContextException e = assertThrows(NotContextException.class, () -> ctx.list("prices"));
        assertTrue(e.getMessage().contains("'prices'"), e.getMessage());
        assertThrows(NotContextException.class, () -> ctx.listBindings("prices"));
    }

    @Test
    void listOfAnUnknownName_throwsNameNotFound() {
        assertThrows(NameNotFoundException.class, () -> ctx.list("missing"));
        assertThrows(NameNotFoundException.class, () -> ctx.listBindings(new CompositeName("missing")));
    }

    @Test
    void emptyContext_listsNothing() throws NamingException {
        ReadOnlyContext empty = new ReadOnlyContext(new Hashtable<>(), Map.of());
        assertFalse(empty.list("").hasMore());
        assertFalse(empty.listBindings("").hasMore());
        assertThrows(NameNotFoundException.class, () -> empty.lookup("x"));
    }

    @Test
    void everyModifyingOperation_throwsOperationNotSupportedSayingTheContextIsReadOnly() {
        Name name = new CompositeName();
        List<Executable> operations = List.of(
                () -> ctx.bind("x", queue),
                () -> ctx.bind(name, queue),
                () -> ctx.rebind("prices", queue),
                () -> ctx.rebind(name, queue),
                () -> ctx.unbind("prices"),
                () -> ctx.unbind(name),
                () -> ctx.rename("prices", "other"),
                () -> ctx.rename(name, name),
                () -> ctx.createSubcontext("sub"),
                () -> ctx.createSubcontext(name),
                () -> ctx.destroySubcontext("sub"),
                () -> ctx.destroySubcontext(name));
        for (Executable op : operations) {
            OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class, op);
            assertTrue(e.getMessage().contains("read-only; define names in the JNDI properties"), e.getMessage());
        }
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("x"));
    }

    @Test
    void getEnvironment_returnsACopy() throws NamingException {
        Hashtable<?, ?> env = ctx.getEnvironment();
        env.clear();
        assertEquals("value", ctx.getEnvironment().get("some.setting"));
    }

    @Test
    void addAndRemoveFromEnvironment_changeOnlyThisContextsEnvironment() throws NamingException {
        Context other = (Context) ctx.lookup("");
        assertNull(ctx.addToEnvironment("added", "1"));
        assertEquals("1", ctx.addToEnvironment("added", "2"));
        assertEquals("2", ctx.getEnvironment().get("added"));
        assertEquals("value", ctx.removeFromEnvironment("some.setting"));
        assertNull(ctx.getEnvironment().get("some.setting"));
        assertNull(other.getEnvironment().get("added"));
        assertEquals("value", other.getEnvironment().get("some.setting"));
    }

    @Test
    void environmentGivenToTheConstructor_isCopied() {
        Hashtable<String, Object> env = environment();
        ReadOnlyContext c = new ReadOnlyContext(env, Map.of());
        env.put("later", "x");
        assertNull(c.getEnvironment().get("later"));
    }

    @Test
    void nameParser_keepsTheWholeStringAsOneComponent() throws NamingException {
        Name parsed = ctx.getNameParser("").parse("jms/orders.a");
        assertEquals(1, parsed.size());
        assertEquals("jms/orders.a", parsed.get(0));
        assertSame(ctx.getNameParser(""), ctx.getNameParser(new CompositeName()));
    }

    @Test
    void composeName_joinsPrefixAndName() throws NamingException {
        assertEquals("prices", ctx.composeName("prices", ""));
        assertEquals("a/prices", ctx.composeName("prices", "a"));
        assertEquals("a", ctx.composeName("", "a"));
        Name prefix = new CompositeName("a");
        Name composed = ctx.composeName(new CompositeName("prices"), prefix);
        assertEquals(new CompositeName("a/prices"), composed);
        assertEquals(new CompositeName("a"), prefix);
    }

    @Test
    void nameInNamespace_isEmpty() {
        assertEquals("", ctx.getNameInNamespace());
    }

    @Test
    void close_leavesTheContextUsable() throws NamingException {
        ctx.close();
        assertSame(topic, ctx.lookup("prices"));
    }
}
