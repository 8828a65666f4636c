package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void quickstart_hasNoErrors() {
    Cli.Result r = Cli.run("check", "--config", QuickstartExampleTest.QUICKSTART.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out())
        .contains("acl.json")
        .contains(
            "warning: guard.json: /listeners/tcp/requireTlsForPassword: listener 'tcp' accepts"
                + " passwords without TLS")
        .endsWith("0 errors, 1 warnings\n");
  }

  @Test
  void errorsInSeveralFiles_areAllReportedWithFileAndPointer_exit1() throws Exception {
    Files.writeString(
        dir.resolve("acl.json"),
        "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
            + " \"topics\": [\"a/#/b\"]}]}}}");
    Files.writeString(dir.resolve("users.json"), "{\"users\": {\"bob\": {\"roles\": [\"nope\"]}}}");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("error: acl.json: /roles/r/rules/0/topics/0: ");
    assertThat(r.out()).containsPattern("errors?, \\d+ warnings\n$");
  }

  @Test
  void weakHash_isAWarningNotAnError() throws Exception {
    Files.writeString(
        dir.resolve("acl.json"),
        "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
            + " \"topics\": [\"a/b\"]}]}}}");
    Files.writeString(
        dir.resolve("users.json"),
        "{\"users\": {\"bob\": {\"roles\": [\"r\"], \"password\":"
            + " \"$7$101$vVgynrO8HnGkBmnG$FJxeWV8gmD95Z1O+OO86iM5IJVtyoheQin+iLUkFThEXGZSn8xjh63nawvo4lY3MjXKetDAzvXxALr2F1sQLWw==\"}}}");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out())
        .contains("warning: users.json: /users/bob/password: ")
        .contains("1 warnings");
  }

  @Test
  void glibcCryptSha512Hash_isALoadErrorNamingTheUser_exit1() throws Exception {
    String glibc =
        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFC"
            + "oEOfaS35inz1";
    writeAclAndUser("frank", glibc);

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("error: users.json: /users/frank/password: user 'frank': mosquitto $6$ salt")
        .doesNotContain("svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl");
  }

  @Test
  void argon2iHash_isAcceptedWithARehashWarning_argon2dIsAnError() throws Exception {
    writeAclAndUser(
        "gina",
        "$argon2i$v=19$m=1024,t=1,p=1$bW9zcXVpdHRvLXNhbHQ$3+Iq//hrJMiTMSPq0KQ2AbN9s5xbZIHx8L+aSB3OK5U");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "warning: users.json: /users/gina/password: user 'gina': weak password hash:"
                + " argon2i")
        .contains("rehash with argon2id");

    writeAclAndUser(
        "gina",
        "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$lV5dWxY6G2C7o1/DbQSWR0+6T2tZrVNihmbwf7L5Pq8");
    Cli.Result d = Cli.run("check", "--config", dir.toString());
    assertThat(d.code()).as(d.toString()).isEqualTo(1);
    assertThat(d.out()).contains("user 'gina': argon2d is not accepted");
  }

  private void writeAclAndUser(String user, String hash) throws Exception {
    Files.writeString(
        dir.resolve("acl.json"),
        "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
            + " \"topics\": [\"a/b\"]}]}}}");
    Files.writeString(
        dir.resolve("users.json"),
        "{\"users\": {\"" + user + "\": {\"roles\": [\"r\"], \"password\": \"" + hash + "\"}}}");
  }

  @Test
  void someUsersUnboundToClientIds_warnsNamingThemAndHowToBind_exit0() throws Exception {
    String hash =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    writeAclAndUser("alice", hash);
    Files.writeString(
        dir.resolve("users.json"),
        ("{\"users\": {\"alice\": {\"roles\": [\"r\"], \"password\": \"%s\","
                + " \"clientIds\": [\"${user.name}\"]},"
                + " \"bob\": {\"roles\": [\"r\"], \"password\": \"%s\"}}}")
            .formatted(hash, hash));

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "warning: users.json: /users/bob: 1 of 2 principals are not bound to client IDs and"
                + " may connect with the client ID of a bound one while it is free (after a"
                + " restart, or on another cluster node): user 'bob'; bind them with"
                + " \"clientIds\", e.g. [\"${user.name}\", \"${user.name}-*\"]"
                + " (docs/authentication.md, client-ID binding)\n")
        .endsWith("0 errors, 1 warnings\n");
  }

  @Test
  void brokenJson_isReportedWithLine_exit1() throws Exception {
    Files.writeString(dir.resolve("acl.json"), "{\"roles\": {\n}}}");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("error: acl.json: ").contains("invalid JSON").contains("line 2");
  }

  @Test
  void missingDirectory_exits2WithOneMessage() {
    Cli.Result r = Cli.run("check", "--config", dir.resolve("nope").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: configuration directory not found: " + dir.resolve("nope"));
  }

  @Test
  void missingFlag_exits2() {
    Cli.Result r = Cli.run("check");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--config=DIR'");
  }

  @Test
  void keyPastTheFirstWearOutThreshold_isAWarningNamingTheKeyAndAdvisingRotation()
      throws Exception {
    Files.writeString(
        dir.resolve("acl.json"),
        "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
            + " \"topics\": [\"a/b\"]}]}}}");
    String material = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    Files.writeString(
        dir.resolve("keys.json"),
        "{\"keys\": [{\"id\": 7, \"algorithm\": \"AES-256-GCM\", \"status\": \"primary\","
            + " \"material\": \""
            + material
            + "\"}, {\"id\": 8, \"algorithm\": \"CHACHA20-POLY1305\", \"status\": \"enabled\","
            + " \"material\": \""
            + material
            + "\"}]}");
    Files.writeString(
        dir.resolve("payload.json"),
        "{\"keyUsageFile\": \"key-usage.json\", \"rules\": [{\"topics\": [\"s/#\"],"
            + " \"action\": \"decrypt\", \"keys\": [7, 8]}]}");
    Files.writeString(
        dir.resolve("key-usage.json"), "{\"version\": 1, \"keys\": {\"7\": 300000000, \"8\": 5}}");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out())
        .contains(
            "warning: key-usage.json: /keys/7: key 7 has protected 300000000 envelopes (warning"
                + " from 2^28; random 96-bit nonces allow about 2^32 per key): rotate key 7")
        .doesNotContain("/keys/8");
  }
}
