package io.tandemmq.broker.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables, in SQL that Derby and PostgreSQL both take, but for the two binary column
 * types each dialect names. Grouped by the schema version that brought them, so that a dialect
 * can create the current schema at once and upgrade an older one by what is missing.
 */
final class StoreTables {

    private StoreTables() {
    }

    /** Every table and index of the current schema version, in order. */
    static List<String> all(String inlineBinary, String largeBinary) {
        List<String> ddl = new ArrayList<>(messaging(inlineBinary, largeBinary));
        ddl.addAll(security());
        ddl.addAll(bindings());
        ddl.addAll(commitMarks());
        ddl.addAll(waitingIndex());
        return ddl;
    }

    /** Version 1: the lease, destinations, subscriptions, messages, XA branches and outcomes. */
    static List<String> messaging(String inlineBinary, String largeBinary) {
        return List.of(
                "CREATE TABLE TQ_META (NAME VARCHAR(128) NOT NULL PRIMARY KEY, VAL VARCHAR(1024))",
                "CREATE TABLE TQ_LEASE (ID SMALLINT NOT NULL PRIMARY KEY, OWNER VARCHAR(256), EPOCH BIGINT NOT NULL,"
                        + " RENEWED_AT TIMESTAMP NOT NULL, RELEASED SMALLINT NOT NULL)",
                "CREATE TABLE TQ_DESTINATION (KIND SMALLINT NOT NULL, NAME VARCHAR(256) NOT NULL, PRIMARY KEY (KIND, NAME))",
                "CREATE TABLE TQ_SUBSCRIPTION (SUB_KEY VARCHAR(1024) NOT NULL PRIMARY KEY, TOPIC VARCHAR(256) NOT NULL,"
                        + " CLIENT_ID VARCHAR(256), NAME VARCHAR(256) NOT NULL, SELECTOR VARCHAR(16000),"
                        + " NO_LOCAL SMALLINT NOT NULL, SHARED SMALLINT NOT NULL)",
                "CREATE TABLE TQ_MESSAGE (ID BIGINT NOT NULL PRIMARY KEY, QUEUE_KEY VARCHAR(1024) NOT NULL,"
                        + " MESSAGE_ID VARCHAR(512) NOT NULL, PRIORITY SMALLINT NOT NULL, EXPIRATION BIGINT NOT NULL,"
                        + " DELIVERY_TIME BIGINT NOT NULL, DELIVERY_COUNT INT NOT NULL,"
                        + " HEADERS " + inlineBinary + ", HEADERS_LARGE " + largeBinary + ","
                        + " BODY_LENGTH INT NOT NULL, BODY " + inlineBinary + ", BODY_LARGE " + largeBinary + ","
                        + " TX_KEY VARCHAR(300), CONSUMED_AT BIGINT NOT NULL DEFAULT 0)",
                "CREATE INDEX TQ_MESSAGE_QUEUE ON TQ_MESSAGE (QUEUE_KEY)",
                "CREATE INDEX TQ_MESSAGE_MID ON TQ_MESSAGE (MESSAGE_ID)",
                "CREATE INDEX TQ_MESSAGE_CONSUMED ON TQ_MESSAGE (CONSUMED_AT)",
                "CREATE INDEX TQ_MESSAGE_TX ON TQ_MESSAGE (TX_KEY)",
                "CREATE TABLE TQ_XA_BRANCH (TX_KEY VARCHAR(300) NOT NULL PRIMARY KEY, PREPARED_AT BIGINT NOT NULL)",
                "CREATE TABLE TQ_XA_CONSUMED (TX_KEY VARCHAR(300) NOT NULL, MESSAGE_ROW BIGINT NOT NULL,"
                        + " PRIMARY KEY (TX_KEY, MESSAGE_ROW))",
                "CREATE TABLE TQ_TX_OUTCOME (TX_KEY VARCHAR(300) NOT NULL PRIMARY KEY, COMMITTED SMALLINT NOT NULL,"
                        + " COMPLETED_AT BIGINT NOT NULL)");
    }

    /** Version 2: users (never a plain password), their roles, and the roles' grants. */
    static List<String> security() {
        return List.of(
                "CREATE TABLE TQ_USER (NAME VARCHAR(256) NOT NULL PRIMARY KEY, PASSWORD_HASH VARCHAR(128) NOT NULL,"
                        + " SALT VARCHAR(64) NOT NULL, ITERATIONS INT NOT NULL)",
                "CREATE TABLE TQ_USER_ROLE (USER_NAME VARCHAR(256) NOT NULL, ROLE_NAME VARCHAR(256) NOT NULL,"
                        + " PRIMARY KEY (USER_NAME, ROLE_NAME))",
                "CREATE TABLE TQ_ROLE_PERMISSION (ROLE_NAME VARCHAR(256) NOT NULL, PERMISSION VARCHAR(16) NOT NULL,"
                        + " PATTERN VARCHAR(1024) NOT NULL, PRIMARY KEY (ROLE_NAME, PERMISSION, PATTERN))");
    }

    /** Version 3: JNDI names of administered objects (queue, topic, connection factory). */
    static List<String> bindings() {
        return List.of("CREATE TABLE TQ_BINDING (NAME VARCHAR(512) NOT NULL PRIMARY KEY, KIND VARCHAR(32) NOT NULL,"
                + " TARGET VARCHAR(4000) NOT NULL)");
    }

    /**
     * Version 5: the index a paged queue reads its waiting rows by (oldest first per priority, from a
     * cursor), and counts them with at start-up without reading the rows.
     */
    static List<String> waitingIndex() {
        return List.of("CREATE INDEX TQ_MESSAGE_WAITING ON TQ_MESSAGE (QUEUE_KEY, PRIORITY, CONSUMED_AT, ID)");
    }

    /** Version 4: one row per write transaction, written first in it ({@link CommitMark}). */
    static List<String> commitMarks() {
        return List.of(SqlDialect.COMMIT_MARK_TABLE);
    }
}
