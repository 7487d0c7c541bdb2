/**
 * TLS material shared by the client, the broker and its command line: key and trust stores read
 * from files, and the TLS settings a {@code tandems://} URL carries. No Netty here, so that the
 * blocking command-line client can use it too.
 */
package io.tandemmq.protocol.tls;
