package io.tandemmq.client.jndi;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A flat JNDI context over a fixed set of bindings, and optionally the names a broker pair keeps
 * in its store: a name not bound here is asked of the pair's active server (local names win).
 * Names are looked up exactly as they were defined; the empty name is this context itself.
 * {@link #list} shows the local names only. Every operation that would change the bindings
 * throws {@link OperationNotSupportedException}; the environment belongs to this context and may be
 * changed. Thread-safe.
 */
public final class ReadOnlyContext implements Context {
    static final String READ_ONLY = "this JNDI context is read-only; define names in the JNDI properties";

    private final Hashtable<Object, Object> environment;
    private final Map<String, Object> bindings;
    /** The pair's names, or null; closed by the context that created it, not by views of it. */
    private final RemoteNames remote;
    private final boolean ownsRemote;

    /**
     * @param environment copied
     * @param bindings    copied; iteration order is kept for {@link #list}
     */
    public ReadOnlyContext(Hashtable<?, ?> environment, Map<String, ?> bindings) {
        this(environment, bindings, null, false);
    }

    /** @param remote asked for names not in {@code bindings}; closed with this context */
    ReadOnlyContext(Hashtable<?, ?> environment, Map<String, ?> bindings, RemoteNames remote) {
        this(environment, bindings, remote, true);
    }

    private ReadOnlyContext(Hashtable<?, ?> environment, Map<String, ?> bindings, RemoteNames remote, boolean ownsRemote) {
        this.environment = new Hashtable<>(environment);
        this.bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        this.remote = remote;
        this.ownsRemote = ownsRemote;
    }

    private static String key(Name name) {
        if (name.size() == 1) {
            return name.get(0);
        }
        return String.join("/", Collections.list(name.getAll()));
    }

    @Override
    public Object lookup(String name) throws NamingException {
        if (name.isEmpty()) {
            return new ReadOnlyContext(environment, bindings, remote, false);
        }
        Object bound = bindings.get(name);
        if (bound == null && remote != null) {
            return remote.lookup(name);
        }
        if (bound == null) {
            NameNotFoundException e = new NameNotFoundException("'" + name
                    + "' is not bound in this JNDI context; bound names: " + String.join(", ", bindings.keySet()));
            e.setRemainingName(new CompositeName().add(name));
            throw e;
        }
        return bound;
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(key(name));
    }

    /** There are no links: the same as {@link #lookup(String)}. */
    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        return enumerate(name, (n, o) -> new NameClassPair(n, o.getClass().getName()));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(key(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        return enumerate(name, Binding::new);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(key(name));
    }

    private <T> NamingEnumeration<T> enumerate(String name, BiFunction<String, Object, T> entry)
            throws NamingException {
        if (!name.isEmpty()) {
            Object bound = lookup(name);
            throw new NotContextException("'" + name + "' is a " + bound.getClass().getName() + ", not a context");
        }
        List<T> entries = new ArrayList<>(bindings.size());
        bindings.forEach((n, o) -> entries.add(entry.apply(n, o)));
        return new IteratorEnumeration<>(entries.iterator());
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind", name);
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind", name);
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind", name);
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind", name);
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind", name);
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind", name);
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename", oldName);
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename", oldName);
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroy subcontext", name);
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroy subcontext", name);
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("create subcontext", name);
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("create subcontext", name);
    }

    private static OperationNotSupportedException readOnly(String operation, Object name) {
        return new OperationNotSupportedException("cannot " + operation + " '" + name + "': " + READ_ONLY);
    }

    @Override
    public NameParser getNameParser(Name name) {
        return FlatNameParser.INSTANCE;
    }

    @Override
    public NameParser getNameParser(String name) {
        return FlatNameParser.INSTANCE;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        Name composed = (Name) prefix.clone();
        return composed.addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix.isEmpty() ? name : name.isEmpty() ? prefix : prefix + "/" + name;
    }

    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    /** A copy of this context's environment. */
    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /** Nothing to release. */
    @Override
    public void close() {
        if (remote != null && ownsRemote) {
            remote.close();
        }
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    @Override
    public String toString() {
        return "ReadOnlyContext" + bindings.keySet();
    }

    private static final class IteratorEnumeration<T> implements NamingEnumeration<T> {
        private final Iterator<T> it;

        IteratorEnumeration(Iterator<T> it) {
            this.it = it;
        }

        @Override
        public boolean hasMore() {
            return it.hasNext();
        }

        @Override
        public T next() {
            return it.next();
        }

        @Override
        public boolean hasMoreElements() {
            return it.hasNext();
        }

        @Override
        public T nextElement() {
            return it.next();
        }

        @Override
        public void close() {
        }
    }
}
