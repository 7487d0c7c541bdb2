/**
 * The client's metrics through Micrometer, when the application has it on its class path; the
 * client jar neither contains nor needs Micrometer.
 */
package io.tandemmq.client.metrics;
