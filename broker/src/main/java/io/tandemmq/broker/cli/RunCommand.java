package io.tandemmq.broker.cli;

import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.broker.config.BrokerConfigParser;
import io.tandemmq.broker.config.ConfigException;
import io.tandemmq.broker.core.Broker;
import io.tandemmq.broker.net.BrokerAcceptor;
import io.tandemmq.broker.store.DerbyDialect;
import io.tandemmq.broker.store.JdbcMessageStore;
import io.tandemmq.broker.store.StoreException;
import io.tandemmq.broker.tx.XaBranches;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code run}: one broker on its store, until the process is stopped. */
final class RunCommand {

    private RunCommand() {
    }

    static int run(List<String> args) {
        BrokerConfig config;
        try {
            config = BrokerConfigParser.parse(args);
        } catch (ConfigException e) {
            System.err.println("tandem: bad configuration:\n  " + String.join("\n  ", e.problems()));
            return 2;
        }
        try {
            RunningBroker running = RunningBroker.start(config);
            System.out.println("tandem: " + config.name() + " active " + running.url());
            System.out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.close();
                stopped.countDown();
            }, "tandem-shutdown"));
            stopped.await();
            return 0;
        } catch (StoreException e) {
            System.err.println("tandem: cannot open the store: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("tandem: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A started broker with its acceptor; closing stops both. */
    static final class RunningBroker implements AutoCloseable {
        private final Broker broker;
        private final BrokerAcceptor acceptor;
        private final InetSocketAddress address;

        private RunningBroker(Broker broker, BrokerAcceptor acceptor, InetSocketAddress address) {
            this.broker = broker;
            this.acceptor = acceptor;
            this.address = address;
        }

        static RunningBroker start(BrokerConfig config) throws IOException, InterruptedException {
            Files.createDirectories(config.dataDir());
            System.setProperty("derby.stream.error.file", config.dataDir().resolve("derby.log").toString());
            JdbcMessageStore store = new JdbcMessageStore(config.effectiveStoreUrl(), config.storeUser(),
                    config.storePassword(), new DerbyDialect());
            Broker broker = new Broker(config, store);
            XaBranches xa = new XaBranches(broker, config.transactionTimeoutMillis());
            broker.setRecoveredTransactions(xa);
            try {
                broker.start();
                broker.runOnCore(xa::startTimers);
            } catch (RuntimeException e) {
                broker.stop();
                throw e;
            }
            BrokerAcceptor acceptor = new BrokerAcceptor(broker, xa);
            try {
                return new RunningBroker(broker, acceptor, acceptor.bind(config.host(), config.port()));
            } catch (RuntimeException e) {
                acceptor.close();
                broker.stop();
                throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
            }
        }

        String url() {
            return "tandem://" + address.getHostString() + ":" + address.getPort();
        }

        @Override
        public void close() {
            acceptor.close();
            broker.stop();
        }
    }
}
