package io.mqttguard.load.hivemq;

import io.mqttguard.load.GuardFiles;
import io.mqttguard.load.LoadMain;
import io.mqttguard.load.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Load test main for HiveMQ CE 2025.5: {@code allow-all} (baseline: only an allow-all authenticator
 * extension), {@code acl} (MQTT Guard from the built zip: password login, topic ACLs on publish,
 * subscribe and every delivery) and {@code acl+decrypt} (the same plus a {@code decrypt} rule:
 * every message is an AES-256-GCM envelope), MQTT 5 clients. Controls: {@code noop-hooks}
 * (allow-all plus do-nothing authorizer and interceptors: HiveMQ's own extension-pipeline cost) and
 * {@code allow-all+seal} (allow-all, publishers seal but send plaintext: the client-side cost). Run
 * with {@code --help} for the options; see {@code docs/benchmarks.md}.
 */
public final class HiveMqLoadTest {
  private HiveMqLoadTest() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "load-logback.xml"); // warnings only
    }
    Path dist = distribution();
    GuardFiles files = GuardFiles.create();
    List<Target> targets =
        List.of(
            Target.plain("allow-all", "only an allow-all authenticator", HiveMqBroker::allowAll),
            Target.plain(
                "noop-hooks",
                "control: allow-all plus do-nothing authorizer and publish interceptors",
                home -> HiveMqBroker.allowAllWithNoopHooks(home, AllowAllMain.ALL_HOOKS)),
            noopControl("authorizer"),
            noopControl("inbound"),
            noopControl("outbound"),
            Target.plain(
                "acl",
                "MQTT Guard (zip) with ACLs",
                home ->
                    HiveMqBroker.guarded(
                        home, dist, conf -> files.write(conf, "tcp", false, false))),
            Target.plain(
                "acl+carveout",
                "MQTT Guard (zip) with ACLs and a deny-receive carve-out (per-delivery checks)",
                home ->
                    HiveMqBroker.guarded(
                        home, dist, conf -> files.write(conf, "tcp", false, true))),
            new Target(
                "acl+decrypt",
                "MQTT Guard (zip) with ACLs and a decrypt rule",
                home ->
                    HiveMqBroker.guarded(home, dist, conf -> files.write(conf, "tcp", true, false)),
                files.sealer(),
                false),
            new Target(
                "allow-all+seal",
                "control: allow-all, publishers seal each message but send the plaintext",
                HiveMqBroker::allowAll,
                files.sealer(),
                true),
            new Target(
                "noop-inbound+seal",
                "control: a do-nothing inbound interceptor, publishers seal but send the plaintext"
                    + " (acl+decrypt with free decryption)",
                home -> HiveMqBroker.allowAllWithNoopHooks(home, Set.of("inbound")),
                files.sealer(),
                true));
    int code =
        LoadMain.run(
            "java -jar benchmarks/load-hivemq/target/load-hivemq.jar",
            "HiveMQ CE 2025.5 embedded, MQTT Guard from " + dist,
            args,
            targets,
            GuardFiles.LOGIN,
            5);
    System.exit(code);
  }

  /** A control with only one of the do-nothing hooks: {@code noop-<hook>}. */
  private static Target noopControl(String hook) {
    return Target.plain(
        "noop-" + hook,
        "control: allow-all plus only a do-nothing " + hook,
        home -> HiveMqBroker.allowAllWithNoopHooks(home, Set.of(hook)));
  }

  /**
   * The unpacked {@code mqtt-guard/} folder of the built zip: {@code -Dmqttguard.extension.dist},
   * else {@code extension-dist/mqtt-guard} next to this jar (where the build unpacks it).
   */
  private static Path distribution() throws Exception {
    String prop = System.getProperty("mqttguard.extension.dist");
    Path dist;
    if (prop != null) {
      dist = Path.of(prop);
    } else {
      Path jar =
          Path.of(HiveMqLoadTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      dist = jar.resolveSibling("extension-dist").resolve("mqtt-guard");
    }
    if (!Files.isRegularFile(dist.resolve("hivemq-extension.xml"))) {
      throw new IllegalStateException(
          "no unpacked MQTT Guard extension at "
              + dist
              + " (build with ./mvnw -B -q -pl benchmarks/load-hivemq -am package -DskipTests)");
    }
    return dist;
  }
}
