package io.tandemmq.broker.cli;

import io.tandemmq.broker.BrokerServer;
import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.broker.config.BrokerConfigParser;
import io.tandemmq.broker.config.ConfigException;
import io.tandemmq.broker.fatal.ProcessHalt;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code run}: one broker (alone, or one server of a pair), until the process is stopped. */
final class RunCommand {

    private RunCommand() {
    }

    static int run(List<String> args) {
        ProcessHalt.install();
        BrokerConfig config;
        try {
            config = BrokerConfigParser.parse(args);
        } catch (ConfigException e) {
            System.err.println("tandem: bad configuration:\n  " + String.join("\n  ", e.problems()));
            return 2;
        }
        try {
            BrokerServer server = BrokerServer.start(config, line -> {
                System.out.println(line);
                System.out.flush();
            });
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "tandem-shutdown"));
            stopped.await();
            return 0;
        } catch (IOException e) {
            System.err.println("tandem: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
