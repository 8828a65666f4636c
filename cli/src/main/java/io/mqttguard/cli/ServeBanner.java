package io.mqttguard.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code serve} prints: listeners, demo credentials, and commands to copy and paste. */
final class ServeBanner {
  private ServeBanner() {}

  /**
   * Prints the banner; {@code mqtt5} false (Moquette: MQTT 3.1.1 only) drops the {@code -V mqttv5}
   * of the denied examples (there are no negative reason codes to show then).
   */
  static void print(
      PrintWriter out, Path configDir, String broker, boolean mqtt5, int port, int tlsPort) {
    DemoPki.PkiFiles pki = DemoPki.paths(configDir);
    String v5 = mqtt5 ? " -V mqttv5" : "";
    String tcp = "-h localhost -p " + port;
    String tls =
        "-h localhost -p "
            + tlsPort
            + " --cafile "
            + pki.caPem()
            + " --cert "
            + pki.clientCert()
            + " --key "
            + pki.clientKey();
    out.println();
    out.println("MQTT Guard on " + broker + " (configuration: " + configDir + ")");
    out.println(
        "  listener tcp  mqtt://localhost:"
            + port
            + "   passwords allowed without TLS (demo only)");
    out.println(
        "  listener tls  mqtts://localhost:" + tlsPort + "  client certificate or password");
    out.println();
    out.println("Demo users (public passwords, demo only):");
    for (DemoUsers.Demo d : DemoUsers.PASSWORD_USERS) {
      out.printf("  %-9s password %-18s role %s%n", d.username(), d.password(), d.role());
    }
    out.println(
        "  certificate "
            + pki.clientCert().getFileName()
            + " (CN="
            + DemoPki.CLIENT_CN
            + ") maps to user "
            + DemoPki.CLIENT_CN
            + ", role sensor");
    out.println();
    out.println("These work:");
    out.println("  mosquitto_sub " + tcp + " -u alice -P alice-demo-pw -i alice -t 'sensors/#' -v");
    out.println(
        "  mosquitto_pub "
            + tcp
            + " -q 1 -u sensor-1 -P sensor-1-demo-pw -i sensor-1 -t sensors/sensor-1/temp -m 21.5");
    out.println(
        "  mosquitto_pub "
            + tls
            + " -q 1 -i "
            + DemoPki.CLIENT_CN
            + " -t sensors/"
            + DemoPki.CLIENT_CN
            + "/temp -m 19.0");
    out.println(
        "  printf '{\"t\": 21.5}' | "
            + launcher()
            + " seal -c "
            + configDir
            + " -t sensors/sensor-1/secure -i sensor-1 |"
            + " mosquitto_pub "
            + tcp
            + " -q 1 -u sensor-1 -P sensor-1-demo-pw -i sensor-1 -t sensors/sensor-1/secure -s"
            + "   # sealed; the broker decrypts it for alice");
    out.println();
    out.println("These are denied:");
    out.println(
        "  mosquitto_pub "
            + tcp
            + v5
            + " -q 1 -u sensor-1 -P sensor-1-demo-pw -i sensor-1"
            + " -t sensors/sensor-2/temp -m 99   # another device's topic");
    out.println(
        "  mosquitto_sub "
            + tcp
            + v5
            + " -u sensor-1 -P sensor-1-demo-pw -i sensor-1 -t 'sensors/#' -C 1"
            + "   # subscription beyond its grant");
    out.println(
        "  mosquitto_pub "
            + tcp
            + " -u alice -P wrong -i alice -t commands/sensor-1 -m reboot   # wrong password");
    out.println(
        "  mosquitto_pub "
            + tcp
            + " -u sensor-1 -P sensor-1-demo-pw -i alice -t sensors/alice/temp -m 1"
            + "   # someone else's client ID");
    if (!mqtt5) {
      out.println(
          "  (MQTT 3.1.1 has no negative PUBACK: a denied publish closes the connection;"
              + " a denied subscription gets return code 0x80)");
    }
    out.println();
    out.println("Ctrl-C stops the broker.");
  }

  /** The launcher script of this checkout when there is one, else {@code mqtt-guard}. */
  private static String launcher() {
    Path script = Launcher.home().resolve("mqtt-guard");
    return Files.isRegularFile(script) ? script.toString() : "mqtt-guard";
  }
}
