package io.tandemmq.broker.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlDialectTest {

    @Test
    void derbyAndPostgresqlUrls_chooseTheirDialect() {
        assertSame(DerbyDialect.INSTANCE, SqlDialect.forUrl("jdbc:derby:/data/store;create=true"));
        assertSame(DerbyDialect.INSTANCE, SqlDialect.forUrl("jdbc:derby://127.0.0.1:1527/tandem"));
        assertSame(PostgresDialect.INSTANCE, SqlDialect.forUrl("jdbc:postgresql://db1:5432/tandem"));
    }

    @Test
    void otherDatabases_areRefusedNamingBothKinds() {
        StoreException e = assertThrows(StoreException.class, () -> SqlDialect.forUrl("jdbc:mysql://db/tandem"));
        assertTrue(e.getMessage().contains("jdbc:derby:") && e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
    }

    @Test
    void severalPostgresqlHosts_needTargetServerTypePrimary() {
        assertSame(PostgresDialect.INSTANCE,
                SqlDialect.forUrl("jdbc:postgresql://db1:5432,db2:5432/tandem?targetServerType=primary"));
        assertSame(PostgresDialect.INSTANCE,
                SqlDialect.forUrl("jdbc:postgresql://db1,db2/tandem?ssl=true&targetServerType=master"));
        for (String url : new String[] {"jdbc:postgresql://db1:5432,db2:5432/tandem",
                "jdbc:postgresql://db1,db2/tandem?targetServerType=any",
                "jdbc:postgresql://db1,db2/tandem?targetServerType=preferPrimary"}) {
            StoreException e = assertThrows(StoreException.class, () -> SqlDialect.forUrl(url), url);
            assertTrue(e.getMessage().contains("add targetServerType=primary"), e.getMessage());
        }
    }

    @Test
    void noPrimaryAmongTheHosts_isExplainedInTheLogLine() {
        String driver = "Could not find a server with specified targetServerType: primary";
        assertTrue(PostgresDialect.INSTANCE.describe(new java.sql.SQLException(driver, "08001"))
                .startsWith("no host of --store is a primary now"));
        assertSame("Connection refused", PostgresDialect.INSTANCE.describe(new java.sql.SQLException("Connection refused")));
    }
}
