/**
 * The application the {@code mdb} scenario deploys into WildFly and Payara, the same classes for
 * Tandem's adapter and for Artemis's: a stateless bean that sends one message per container-managed
 * XA transaction, a message-driven bean that consumes them, and a servlet the benchmark drives.
 * Compiled here against the Jakarta EE APIs the servers provide; {@code AppServerMdb} packs these
 * classes into a war at run time. Nothing else in the benchmark tool uses them.
 */
package io.tandemmq.bench.mdb;
