package io.mqttguard.cli;

import static io.mqttguard.cli.ServeWithMosquittoTest.await;
import static io.mqttguard.cli.ServeWithMosquittoTest.run;
import static io.mqttguard.cli.ServeWithMosquittoTest.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code serve --config DIR} with a configuration that shares nothing with the quickstart (other
 * roles, users, topics, passwords; no tls/ folder): the banner states only facts about DIR, every
 * command under "These work:" works when run with {@code mosquitto_pub}/{@code mosquitto_sub} (the
 * test's passwords put in for the placeholders), every one under "These are denied:" is refused,
 * and the refused CONNECT, the denied PUBLISH and a reload each print one console line without a
 * secret.
 */
class ServeOwnConfigTest {
  private static final String METER_PW = "m7-secret-pw";
  private static final String CAROL_PW = "carol-secret-pw";

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"hivemq", "moquette"})
  void ownConfig_bannerStatesOnlyItsFacts_andEveryPrintedCommandDoesWhatItSays(String broker)
      throws Exception {
    assumeTrue(
        ServeWithMosquittoTest.onPath("mosquitto_pub")
            && ServeWithMosquittoTest.onPath("mosquitto_sub")
            && ServeWithMosquittoTest.onPath("stdbuf"),
        "needs mosquitto-clients and coreutils' stdbuf");
    assumeTrue(
        broker.equals("hivemq") ? HiveMqServer.bundled() : MoquetteServer.bundled(),
        "the brokers are bundled by 'package' builds (./mvnw -pl cli -am package)");
    Path config = plantConfig(dir);
    try (ServeRun serve = ServeRun.start(config, broker)) {
      String out = serve.out();
      assertThat(out)
          .as(out)
          .contains("authentication password, passwords allowed without TLS")
          .contains("meter-7      roles meter")
          .contains("carol        roles dashboard")
          .doesNotContain("alice")
          .doesNotContain("sensor")
          .doesNotContain("demo-device")
          .doesNotContain("demo-pw")
          .doesNotContain("demo passwords")
          .doesNotContain(METER_PW)
          .doesNotContain(CAROL_PW)
          .doesNotContain("$argon2");
      List<String> works = serve.section("These work:");
      List<String> denied = serve.section("These are denied:");
      assertThat(works).as(out).hasSize(4);
      assertThat(denied).as(out).hasSizeGreaterThanOrEqualTo(3);

      Map<String, Process> subscribers = new HashMap<>();
      Map<String, ServeWithMosquittoTest.Output> seen = new HashMap<>();
      try {
        for (String line : works) {
          if (line.startsWith("mosquitto_sub ")) {
            Process p = shell(secrets(line));
            subscribers.put(line, p);
            seen.put(line, ServeWithMosquittoTest.Output.of(p.getInputStream()));
          }
        }
        assertThat(subscribers).hasSize(2);
        String carolSub = ServeWithMosquittoTest.find(works, "mosquitto_sub ", "-u carol ");
        assertThat(carolSub).contains("-t 'plant/+/power'");
        ServeWithMosquittoTest.Output carolSees =
            java.util.Objects.requireNonNull(seen.get(carolSub));
        Thread.sleep(2000); // a denied subscription ends mosquitto_sub within this time
        subscribers.forEach(
            (line, p) -> assertThat(p.isAlive()).as("subscribed: " + line).isTrue());
        for (String line : works) {
          if (line.contains("# same client ID as the subscriber above")) {
            stop(subscribers.get(works.get(works.indexOf(line) - 1))); // as the note says
          }
        }
        String meterPub = ServeWithMosquittoTest.find(works, "mosquitto_pub ", "-u meter-7 ");
        await(
            () -> run(secrets(meterPub)).exit() == 0 && carolSees.has("plant/meter-7/power 21.5"),
            () -> "meter-7's reading at carol: " + meterPub,
            carolSees);
        for (String line : works) {
          if (line.startsWith("mosquitto_pub ")) {
            ServeWithMosquittoTest.Ran r = run(secrets(line));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.refused()).as(r.toString()).isFalse();
          }
        }
        assertThat(java.util.Objects.requireNonNull(subscribers.get(carolSub)).isAlive())
            .as("carol's subscription stays")
            .isTrue();
        assertThat(run(secrets(meterPub)).exit()).isZero();
        await(
            () ->
                carolSees.text().lines().filter(l -> l.equals("plant/meter-7/power 21.5")).count()
                    >= 3,
            () -> "carol's subscription still delivers after the other commands",
            carolSees);
        for (String line : denied) {
          if (line.startsWith("(")) {
            continue; // the Moquette note
          }
          ServeWithMosquittoTest.Ran r = run(secrets(line));
          assertThat(r.refused()).as(r.toString()).isTrue();
        }
      } finally {
        subscribers.values().forEach(ServeOwnConfigTest::stop);
      }
      await(
          () -> serve.out().contains("refused CONNECT") && serve.out().contains("denied PUBLISH"),
          () -> "decision lines",
          ServeWithMosquittoTest.Output.of(java.io.InputStream.nullInputStream()));
      Files.writeString(
          config.resolve("acl.json"),
          Files.readString(config.resolve("acl.json")).replace("\"maxQos\": 1", "\"maxQos\": 2"));
      await(
          () -> serve.out().contains("reloaded acl.json: generation 2"),
          () -> "reload line\n" + serve.out(),
          ServeWithMosquittoTest.Output.of(java.io.InputStream.nullInputStream()));
      List<String> decisions = decisionLines(serve.out());
      assertThat(decisions.stream().filter(l -> l.startsWith("refused CONNECT")))
          .as(serve.out())
          .hasSize(1)
          .allMatch(l -> l.contains("client 'carol-2' user 'carol'"));
      assertThat(decisions.stream().filter(l -> l.startsWith("denied PUBLISH")))
          .hasSize(1)
          .allMatch(l -> l.contains("'plant/meter-7/power' client 'carol-2'"));
      assertThat(decisions.stream().filter(l -> l.startsWith("reloaded ")))
          .hasSize(1)
          .allMatch(l -> l.contains("live sessions re-checked, 0 revoked"));
      assertThat(serve.out() + serve.err())
          .doesNotContain(METER_PW)
          .doesNotContain(CAROL_PW)
          .doesNotContain("$argon2");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hivemq", "moquette"})
  void quiet_printsNoDecisionLines(String broker) throws Exception {
    assumeTrue(ServeWithMosquittoTest.onPath("mosquitto_pub"), "needs mosquitto-clients");
    assumeTrue(
        broker.equals("hivemq") ? HiveMqServer.bundled() : MoquetteServer.bundled(),
        "the brokers are bundled by 'package' builds (./mvnw -pl cli -am package)");
    Path config = plantConfig(dir);
    try (ServeRun serve = ServeRun.start(config, broker, "--quiet")) {
      ServeWithMosquittoTest.Ran refused =
          run(
              "mosquitto_pub -h localhost -p "
                  + serve.port
                  + " -u carol -P wrong -i carol-1 -t plant/x/setpoint -m 1");
      assertThat(refused.refused()).as(refused.toString()).isTrue();
      ServeWithMosquittoTest.Ran denied =
          run(
              "mosquitto_pub -h localhost -p "
                  + serve.port
                  + " -q 1 -u carol -P "
                  + CAROL_PW
                  + " -i carol-2 -t plant/meter-7/power -m 1");
      assertThat(denied.refused()).as(denied.toString()).isTrue();
      Thread.sleep(2000); // the lines would have been printed by now
      assertThat(decisionLines(serve.out())).as(serve.out()).isEmpty();
    }
  }

  private static void stop(@org.jspecify.annotations.Nullable Process p) {
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      var unused = p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The console lines about decisions (after the banner). */
  private static List<String> decisionLines(String out) {
    String after = out.substring(out.indexOf("Ctrl-C stops the broker."));
    return after.lines().filter(l -> !l.isBlank()).skip(1).toList();
  }

  /** The test's passwords put in for the banner's placeholders. */
  private static String secrets(String line) {
    return line.replace("'<password of meter-7>'", METER_PW)
        .replace("'<password of carol>'", CAROL_PW);
  }

  /** A configuration of its own: a plant with meters and a dashboard user, no tls/ folder. */
  static Path plantConfig(Path parent) throws Exception {
    Path config = Files.createDirectories(parent.resolve("plant"));
    Files.writeString(
        config.resolve("acl.json"),
        """
        {"roles": {
          "meter": {"rules": [
            {"effect": "allow", "actions": ["publish"], "topics": ["plant/${user.name}/power"], "maxQos": 1},
            {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["plant/${user.name}/setpoint"]}
          ]},
          "dashboard": {"rules": [
            {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["plant/+/power"]},
            {"effect": "allow", "actions": ["publish"], "topics": ["plant/+/setpoint"]}
          ]}
        }}
        """);
    Files.writeString(
        config.resolve("guard.json"),
        """
        {"listeners": {"tcp": {"authentication": "password", "requireTlsForPassword": false}},
         "defaultListener": {"authentication": "password"}}
        """);
    Files.writeString(
        config.resolve("users.json"),
        """
        {"users": {
          "meter-7": {"roles": ["meter"], "clientIds": ["${user.name}"]},
          "carol": {"roles": ["dashboard"], "clientIds": ["${user.name}-*"]}
        }}
        """);
    passwd(config, "meter-7", METER_PW);
    passwd(config, "carol", CAROL_PW);
    return config;
  }

  private static void passwd(Path config, String user, String password) {
    Cli.Result r =
        Cli.runWithInput(
            password + "\n",
            "passwd",
            "--file",
            config.resolve("users.json").toString(),
            "--algorithm",
            "pbkdf2-sha512",
            user);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).doesNotContain(password);
  }
}
