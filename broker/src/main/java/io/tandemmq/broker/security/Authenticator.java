package io.tandemmq.broker.security;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides who a handshake's credentials belong to and what that connection may do. The store is
 * read for every handshake, so a user added, removed, granted or given a new password (also
 * offline) counts from the next connection on, and a server taking over a pair sees the same
 * users. The slow password check is skipped for a password it accepted against the same stored
 * hash within {@code --auth-cache-time} ({@link VerifiedPasswords}). Hashing and the database run on the
 * authenticator's own threads, never on the caller's; refusals of wrong credentials are answered
 * after a delay that grows with the failures from the same address.
 *
 * <p>Rules: with no user in the store everything is allowed (as before security existed). Then
 * every connection must give a user name and password, except that with anonymous access on a
 * connection <em>without</em> credentials gets the {@value #GUEST_ROLE} role. A wrong user name and
 * a wrong password are refused with the same message.
 */
public final class Authenticator implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Authenticator.class.getName());
    public static final String GUEST_ROLE = "guest";
    public static final String ANONYMOUS = "anonymous";
    static final String WRONG_CREDENTIALS = "authentication failed: unknown user or wrong password";
    static final String CREDENTIALS_NEEDED = "authentication failed: this broker needs a user name and password";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final UserStore store;
    private final FailedLogins failures;
    private final ScheduledExecutorService executor;
    /** Verified against when the user is unknown, so that both refusals take the same time. */
    private final PasswordHash decoy = PasswordHash.create("decoy".toCharArray());
    private final VerifiedPasswords verified;
    private final java.util.concurrent.atomic.AtomicLong refusals = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param threads how many handshakes may hash at the same time
     * @param firstDelayMillis the delay before refusing the first wrong credentials from an address
     * @param maxDelayMillis the longest delay, however many failures
     * @param verifiedKeepMillis how long a password that passed the slow check is known (0: always check)
     */
    public Authenticator(UserStore store, int threads, long firstDelayMillis, long maxDelayMillis,
                         long verifiedKeepMillis) {
        this.store = store;
        this.verified = new VerifiedPasswords(verifiedKeepMillis, System::currentTimeMillis);
        this.failures = new FailedLogins(firstDelayMillis, maxDelayMillis, TimeUnit.MINUTES.toMillis(15));
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "tandem-auth-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    /**
     * The defaults: two hashing threads, refusals delayed from 250 ms doubling up to 10 s.
     *
     * @param verifiedKeepMillis {@code --auth-cache-time}: how long a checked password is known
     */
    public static Authenticator on(UserStore store, long verifiedKeepMillis) {
        return new Authenticator(store, 2, 250, 10_000, verifiedKeepMillis);
    }

    /**
     * Authenticates a handshake off the caller's thread.
     *
     * @param user the user name, null or empty when none was given
     * @param address the client's address without port, for slowing down guessing
     * @return completes with the connection's access, or exceptionally with
     *         {@link LoginRefusedException} (after the failure delay for wrong credentials)
     */
    public CompletableFuture<AccessCheck> authenticate(String user, String password, String address) {
        CompletableFuture<AccessCheck> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(decide(user, password, address));
            } catch (WrongCredentials e) {
                refusals.incrementAndGet();
                long delay = failures.failed(address);
                LOG.log(Level.INFO, "refused a login from {0} for user ''{1}''; answering in {2} ms", address, user, delay);
                executor.schedule(() -> result.completeExceptionally(new LoginRefusedException(WRONG_CREDENTIALS)),
                        delay, TimeUnit.MILLISECONDS);
            } catch (LoginRefusedException e) {
                refusals.incrementAndGet();
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "cannot authenticate a client from " + address, e);
                result.completeExceptionally(new LoginRefusedException(
                        "authentication failed: the broker cannot read its users: " + e.getMessage(), true));
            }
        });
        return result;
    }

    private AccessCheck decide(String user, String password, String address) throws LoginRefusedException {
        if (!store.hasUsers()) {
            return AccessCheck.ALLOW_ALL;
        }
        boolean anonymous = (user == null || user.isEmpty()) && (password == null || password.isEmpty());
        if (anonymous) {
            if (!store.anonymousAccess()) {
                throw new LoginRefusedException(CREDENTIALS_NEEDED);
            }
            return AccessCheck.of(ANONYMOUS, store.grants(Set.of(GUEST_ROLE)));
        }
        char[] secret = password == null ? new char[0] : password.toCharArray();
        Optional<StoredUser> found = user == null ? Optional.empty() : store.find(user);
        if (found.isEmpty()) {
            decoy.verify(secret);
            throw new WrongCredentials();
        }
        StoredUser u = found.get();
        if (!verified.knows(u, secret)) {
            if (!u.password().verify(secret)) {
                throw new WrongCredentials();
            }
            verified.remember(u, secret);
        }
        failures.succeeded(address);
        List<Grant> grants = store.grants(u.roles());
        return AccessCheck.of(u.name(), grants);
    }

    /** Logins refused since the start: wrong credentials, or none where they are needed. */
    public long refusals() {
        return refusals.get();
    }

    /** Stops the threads; handshakes still waiting are never answered (their channels close). */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Unknown user or wrong password: told apart nowhere, so that neither can be probed. */
    private static final class WrongCredentials extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongCredentials() {
            super(WRONG_CREDENTIALS, null, false, false);
        }
    }
}
