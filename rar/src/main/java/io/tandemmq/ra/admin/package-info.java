/**
 * Administered objects for {@code jakarta.jms.Queue} and {@code jakarta.jms.Topic}: JavaBeans an
 * application server creates from ra.xml and binds in JNDI, configured with the destination's
 * {@code PhysicalName}.
 */
package io.tandemmq.ra.admin;
