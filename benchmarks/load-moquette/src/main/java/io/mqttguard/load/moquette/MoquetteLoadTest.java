package io.mqttguard.load.moquette;

import io.mqttguard.load.GuardFiles;
import io.mqttguard.load.LoadMain;
import io.mqttguard.load.Target;
import java.util.List;

/**
 * Load test main for Moquette 0.17: {@code open} (baseline: stock Moquette, anonymous allowed, no
 * authorizer), {@code acl} (MQTT Guard: password login, topic ACLs on publish, subscribe and every
 * delivery) and {@code acl+decrypt} (the same plus a {@code decrypt} rule: every message is an
 * AES-256-GCM envelope), plus the control {@code open+seal}; MQTT 3.1.1 clients (Moquette 0.17 has
 * no MQTT 5). Run with {@code --help} for the options; see {@code docs/benchmarks.md}.
 */
public final class MoquetteLoadTest {
  private MoquetteLoadTest() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "load-logback.xml"); // warnings only
    }
    GuardFiles files = GuardFiles.create();
    List<Target> targets =
        List.of(
            Target.plain("open", "stock Moquette, no authorizer", MoquetteBroker::open),
            Target.plain(
                "acl",
                "MQTT Guard with ACLs",
                home -> {
                  files.write(home.resolve("guard-conf"), "tcp", false);
                  return MoquetteBroker.guarded(home, home.resolve("guard-conf"));
                }),
            new Target(
                "acl+decrypt",
                "MQTT Guard with ACLs and a decrypt rule",
                home -> {
                  files.write(home.resolve("guard-conf"), "tcp", true);
                  return MoquetteBroker.guarded(home, home.resolve("guard-conf"));
                },
                files.sealer(),
                false),
            new Target(
                "open+seal",
                "control: stock Moquette, publishers seal each message but send the plaintext",
                MoquetteBroker::open,
                files.sealer(),
                true));
    int code =
        LoadMain.run(
            "java -jar benchmarks/load-moquette/target/load-moquette.jar",
            "Moquette 0.17 embedded",
            args,
            targets,
            GuardFiles.LOGIN,
            3);
    System.exit(code);
  }
}
