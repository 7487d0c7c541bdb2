/** The broker's TLS contexts: the client port's and both ends of the heartbeat link's. */
package io.tandemmq.broker.tls;
