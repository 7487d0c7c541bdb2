/**
 * What an operator sees of a server without reading code: Micrometer metrics scraped as
 * Prometheus text, MXBeans for JConsole and application servers, {@code /health} for load
 * balancers, and the web console, all on the HTTP port of {@code --http-port}. Nothing here is
 * on the messaging path: figures are taken once a second, and a failure here never stops the broker.
 */
package io.tandemmq.broker.monitoring;
