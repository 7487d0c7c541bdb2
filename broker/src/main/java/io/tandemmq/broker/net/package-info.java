/**
 * The client port: the Netty acceptor, the per-channel handshake and liveness, and the dispatch of
 * decoded requests to the core thread. Nothing here touches the store or broker state directly.
 */
package io.tandemmq.broker.net;
