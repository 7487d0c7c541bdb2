package io.tandemmq.broker.monitoring;

import io.tandemmq.broker.security.AccessCheck;
import io.tandemmq.broker.security.Authenticator;
import io.tandemmq.broker.security.LoginRefusedException;
import io.tandemmq.broker.security.Permission;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Who may see the console and the metrics: with security off (no user in the store) anyone; else
 * users with the {@code monitor} or {@code admin} permission on any destination, checked by the
 * same {@link Authenticator} as client logins (same users, same delays after wrong passwords).
 */
final class ConsoleAccess {
    enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    /** @param user who it is ("" with security off); message: why not, for the answer's body */
    record Decision(Verdict verdict, String user, String message) {
    }

    private final Authenticator authenticator;

    ConsoleAccess(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** @param user null for a request without credentials */
    CompletableFuture<Decision> check(String user, String password, String address) {
        return authenticator.authenticate(user, password, address).handle((access, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                String message = cause instanceof LoginRefusedException ? cause.getMessage()
                        : "authentication failed";
                return new Decision(Verdict.UNAUTHENTICATED, null, message);
            }
            return decide(access, user);
        });
    }

    private static Decision decide(AccessCheck access, String user) {
        if (access.allowsAnywhere(Permission.MONITOR) || access.allowsAnywhere(Permission.ADMIN)) {
            return new Decision(Verdict.ALLOWED, access.principal() == null ? "" : access.principal(), null);
        }
        if (user == null || user.isEmpty()) {
            // a guest without the permission: ask for credentials rather than refuse
            return new Decision(Verdict.UNAUTHENTICATED, null, "log in with a user that has the monitor or admin permission");
        }
        return new Decision(Verdict.FORBIDDEN, null, "user '" + access.principal()
                + "' has no monitor or admin permission (grant one: docs/monitoring.md)");
    }
}
