package io.tandemmq.ra.outbound;

import jakarta.resource.spi.security.PasswordCredential;
import org.junit.jupiter.api.Test;

import javax.security.auth.Subject;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which credentials a physical connection of the adapter opens with. */
class ManagedConnectionCredentialsTest {

    private static TandemManagedConnectionFactory factory(String user, String password) {
        TandemManagedConnectionFactory f = new TandemManagedConnectionFactory();
        f.setServerUrl("tandem://127.0.0.1:1");
        f.setUserName(user);
        f.setPassword(password);
        return f;
    }

    private static Subject subject(TandemManagedConnectionFactory f, String user, String password) {
        PasswordCredential pc = new PasswordCredential(user, password.toCharArray());
        pc.setManagedConnectionFactory(f);
        Subject s = new Subject();
        s.getPrivateCredentials().add(pc);
        return s;
    }

    private static Credentials opened(TandemManagedConnectionFactory f, Subject subject, Credentials request) {
        return f.credentials(subject, request, f.effectiveSettings());
    }

    @Test
    void theContainersSubjectWins_overTheRequestAndTheConfiguration() {
        TandemManagedConnectionFactory f = factory("configured", "c-pw");
        assertEquals(new Credentials("container", "s-pw"),
                opened(f, subject(f, "container", "s-pw"), new Credentials("app", "a-pw")));
    }

    @Test
    void anEmptyUserInTheSubject_meansTheConfiguredCredentials_asTheShippedRecoveryCredentialAsks() {
        TandemManagedConnectionFactory f = factory("configured", "c-pw");
        assertEquals(new Credentials("configured", "c-pw"), opened(f, subject(f, "", ""), null));
    }

    @Test
    void anEmptyUserInTheSubject_onADefinitionWithoutCredentials_connectsWithout() {
        TandemManagedConnectionFactory f = factory(null, null);
        assertEquals(new Credentials(null, null), opened(f, subject(f, "", ""), null));
    }

    @Test
    void withoutASubject_theApplicationsRequestWins() {
        TandemManagedConnectionFactory f = factory("configured", "c-pw");
        assertEquals(new Credentials("app", "a-pw"), opened(f, null, new Credentials("app", "a-pw")));
    }
}
