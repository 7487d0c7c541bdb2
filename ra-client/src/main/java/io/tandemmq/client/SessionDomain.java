package io.tandemmq.client;

import jakarta.jms.IllegalStateException;

/**
 * Which API a session was created through. A QueueSession must refuse the topic-only methods and
 * a TopicSession the queue-only ones, with {@link IllegalStateException}, as the JMS 1.1 domain
 * interfaces say; a session from the unified API allows everything.
 */
enum SessionDomain {
    UNIFIED, QUEUE, TOPIC;

    /** @throws IllegalStateException when a QueueSession is asked for topic work */
    void checkTopicAllowed(String what) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(what + " is not allowed on a QueueSession");
        }
    }

    /** @throws IllegalStateException when a TopicSession is asked for queue work */
    void checkQueueAllowed(String what) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(what + " is not allowed on a TopicSession");
        }
    }
}
