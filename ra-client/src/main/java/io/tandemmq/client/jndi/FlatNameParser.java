package io.tandemmq.client.jndi;

import javax.naming.CompoundName;
import javax.naming.Name;
import javax.naming.NameParser;
import javax.naming.NamingException;
import java.util.Properties;

/** Parses a name of a {@link ReadOnlyContext}: the whole string is one component. */
final class FlatNameParser implements NameParser {
    static final FlatNameParser INSTANCE = new FlatNameParser();

    private static final Properties SYNTAX = new Properties();

    static {
        SYNTAX.setProperty("jndi.syntax.direction", "flat");
    }

    private FlatNameParser() {
    }

    @Override
    public Name parse(String name) throws NamingException {
        return new CompoundName(name, SYNTAX);
    }
}
