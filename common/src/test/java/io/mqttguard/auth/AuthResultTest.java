package io.mqttguard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.identity.ClientIdentity;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed parts of {@link AuthResult.Accepted}: factors and password check always agree. */
class AuthResultTest {
  private static final ClientIdentity ALICE = ClientIdentity.user("c1", "alice", Set.of());

  @Test
  void accepted_withAPasswordFactor_mustSayHowThePasswordWasChecked() {
    assertThatThrownBy(
            () ->
                new AuthResult.Accepted(
                    ALICE, AuthResult.Factors.PASSWORD, AuthResult.PasswordCheck.NONE, "user:a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AuthResult.Accepted(
                    ALICE,
                    AuthResult.Factors.CERTIFICATE_AND_PASSWORD,
                    AuthResult.PasswordCheck.NONE,
                    "certificate:r+user:a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accepted_withoutAPasswordFactor_cannotClaimAPasswordCheck() {
    assertThatThrownBy(
            () ->
                new AuthResult.Accepted(
                    ALICE,
                    AuthResult.Factors.CERTIFICATE,
                    AuthResult.PasswordCheck.CACHE,
                    "certificate:r"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AuthResult.Accepted(
                    ALICE, AuthResult.Factors.NONE, AuthResult.PasswordCheck.HASH, "anonymous"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void factors_nameTheCredentialsThatMustStayValid() {
    assertThat(AuthResult.Factors.NONE.password()).isFalse();
    assertThat(AuthResult.Factors.NONE.certificate()).isFalse();
    assertThat(AuthResult.Factors.PASSWORD.password()).isTrue();
    assertThat(AuthResult.Factors.PASSWORD.certificate()).isFalse();
    assertThat(AuthResult.Factors.CERTIFICATE.password()).isFalse();
    assertThat(AuthResult.Factors.CERTIFICATE.certificate()).isTrue();
    assertThat(AuthResult.Factors.CERTIFICATE_AND_PASSWORD.password()).isTrue();
    assertThat(AuthResult.Factors.CERTIFICATE_AND_PASSWORD.certificate()).isTrue();
  }
}
