package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.acl.ClientPolicy;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.config.ConfigException;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadSecurityException;
import io.mqttguard.payload.PayloadVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The copy-paste commands of {@code serve}'s banner, derived from the loaded configuration: for
 * each password user a topic it may publish and a filter it may subscribe (concrete names from the
 * {@code acl.json} grants, {@code ${client.id}}/{@code ${user.name}} replaced by the {@code -i}/
 * {@code -u} of the command), and denied examples. Every command is confirmed by the core before it
 * is printed: the ACL decision for the topic, the payload rules for the plain payload, the
 * authenticator for a CONNECT whose credentials are known. Not thread-safe; one per banner.
 */
final class ServeExamples {
  /** One printed command; {@code note} is shown as a shell comment. */
  record Example(String command, String note) {}

  /** How to reach the broker. */
  record Target(
      int port, int tlsPort, @Nullable Path caPem, boolean mqtt5, String launcher, Path config) {}

  private static final String PLAIN = "21.5";
  private static final String SEALED = "{\"t\": 21.5}";
  private static final String FILLER = "example";

  private final Path configDir;
  private final Io io;
  private final boolean clientCerts;
  private final ConfigSnapshot snapshot;
  private final ServeAccounts accounts;
  private final Target target;
  private final JsonNode roles;
  final List<Example> works = new ArrayList<>();
  final List<Example> denied = new ArrayList<>();

  /** The password users the examples considered (filled by {@link #derive}). */
  final List<ServeAccounts.Account> users = new ArrayList<>();

  /**
   * @param clientCerts whether the TLS listener asks for client certificates (trust anchors exist)
   */
  ServeExamples(
      Path configDir,
      ConfigSnapshot snapshot,
      ServeAccounts accounts,
      Target target,
      boolean clientCerts,
      Io io) {
    this.configDir = configDir;
    this.io = io;
    this.clientCerts = clientCerts;
    this.snapshot = snapshot;
    this.accounts = accounts;
    this.target = target;
    this.roles = ServeAccounts.readJson(configDir.resolve("acl.json")).path("roles");
  }

  /** Derives the examples (at most four users); returns this. */
  ServeExamples derive() {
    List<ServeAccounts.Account> all = accounts.accounts();
    users.addAll(all);
    for (ServeAccounts.Account a : all.subList(0, Math.min(4, all.size()))) {
      Optional<String> filter = subscribable(a, policy(a));
      filter.ifPresent(
          f ->
              works.add(
                  new Example("mosquitto_sub " + conn(a) + cred(a) + " -t '" + f + "' -v", "")));
      // a second client ID where the binding allows one: the publish must not take over the
      // session of the subscriber above (same client ID)
      String other = a.otherClientId();
      ServeAccounts.Account p = other == null ? a : withClientId(a, other);
      publishable(p, policy(p))
          .ifPresent(
              t ->
                  works.add(
                      new Example(
                          "mosquitto_pub "
                              + conn(p)
                              + " -q 1"
                              + cred(p)
                              + " -t "
                              + t
                              + " -m "
                              + PLAIN,
                          filter.isPresent() && other == null
                              ? "same client ID as the subscriber above: run it after stopping"
                                  + " that one (MQTT lets the newer connection take over)"
                              : "")));
    }
    certificateExample();
    sealedExample(all);
    all.stream()
        .filter(a -> a.otherClientId() != null)
        .findFirst()
        .map(a -> withClientId(a, java.util.Objects.requireNonNull(a.otherClientId())))
        .or(() -> all.stream().findFirst())
        .ifPresent(a -> deniedFor(a, all));
    return this;
  }

  /** A publish with the demo client certificate, if its files exist and it maps to a user. */
  private void certificateExample() {
    Path tls = configDir.resolve(DemoPki.DIR);
    Path cert = tls.resolve("client.pem");
    Path key = tls.resolve("client.key");
    Path ca = target.caPem();
    if (!Files.isRegularFile(cert) || !Files.isRegularFile(key) || ca == null || !clientCerts) {
      return;
    }
    List<X509Certificate> chain = Pem.chain(cert);
    String cn = commonName(chain.get(0));
    if (cn == null
        || !(accounts.connect(cn, null, null, ServeAccounts.TLS, chain)
            instanceof AuthResult.Accepted accepted)) {
      return;
    }
    ClientIdentity id = accepted.identity();
    ClientPolicy policy = snapshot.acl().compile(id);
    byte[] payload = "19.0".getBytes(StandardCharsets.UTF_8);
    String user = id.username() == null ? cn : id.username();
    for (String f : grantFilters(List.copyOf(id.roles()), "publish", cn, user)) {
      for (String t : concrete(f, cn, user)) {
        if (policy.publish(t, 1, false, payload.length).allowed()
            && !(snapshot.payload().inbound(t, id, payload) instanceof PayloadVerdict.Refused)) {
          works.add(
              new Example(
                  "mosquitto_pub -h localhost -p "
                      + target.tlsPort()
                      + " --cafile "
                      + ca
                      + " --cert "
                      + cert
                      + " --key "
                      + key
                      + " -q 1 -i "
                      + cn
                      + " -t "
                      + t
                      + " -m 19.0",
                  "client certificate CN=" + cn));
          return;
        }
      }
    }
  }

  private static @Nullable String commonName(X509Certificate c) {
    try {
      for (var rdn :
          new javax.naming.ldap.LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      return null;
    }
    return null;
  }

  /**
   * A sealed publish, when a {@code decrypt} rule covers a topic a user may publish and the primary
   * key seals an envelope that the core opens there (checked with the same code as {@code seal}).
   */
  private void sealedExample(List<ServeAccounts.Account> all) {
    if (!snapshot.payloadEnabled()) {
      return;
    }
    PayloadSealer sealer;
    try {
      sealer =
          PayloadSealer.create(
              Keyset.load(configDir.resolve("keys.json")), io.clock(), io.random());
    } catch (ConfigException | RuntimeException e) {
      return;
    }
    JsonNode rules = ServeAccounts.readJson(configDir.resolve("payload.json")).path("rules");
    for (ServeAccounts.Account a : all) {
      for (JsonNode rule : rules) {
        if (!rule.path("action").asText().equals("decrypt")) {
          continue;
        }
        boolean bound = rule.path("requireClientBinding").asBoolean(false);
        for (JsonNode f : rule.path("topics")) {
          for (String t : concrete(f.asText(), a)) {
            if (opens(sealer, a, t, bound)) {
              works.add(sealed(a, t, bound));
              return;
            }
          }
        }
      }
    }
  }

  private boolean opens(PayloadSealer sealer, ServeAccounts.Account a, String t, boolean bound) {
    byte[] plain = SEALED.getBytes(StandardCharsets.UTF_8);
    if (!policy(a).publish(t, 1, false, 256).allowed()) {
      return false;
    }
    try {
      byte[] env = bound ? sealer.sealBound(t, a.clientId(), plain) : sealer.seal(t, plain);
      return snapshot.payload().inbound(t, identity(a), env) instanceof PayloadVerdict.Replaced r
          && Arrays.equals(r.payload(), plain);
    } catch (PayloadSecurityException | RuntimeException e) {
      return false;
    }
  }

  private Example sealed(ServeAccounts.Account a, String t, boolean bound) {
    return new Example(
        "printf '"
            + SEALED
            + "' | "
            + target.launcher()
            + " seal -c "
            + target.config()
            + " -t "
            + t
            + (bound ? " -i " + a.clientId() : "")
            + " | mosquitto_pub "
            + conn(a)
            + " -q 1"
            + cred(a)
            + " -t "
            + t
            + " -s",
        "sealed; the broker decrypts it for subscribers");
  }

  /** {@code a} connecting with another client ID its patterns allow. */
  private static ServeAccounts.Account withClientId(ServeAccounts.Account a, String clientId) {
    return new ServeAccounts.Account(
        a.username(), a.roles(), clientId, a.listener(), a.password(), null);
  }

  private ClientPolicy policy(ServeAccounts.Account a) {
    ClientIdentity id = snapshot.auth().users().identity(a.clientId(), a.username()).orElseThrow();
    return snapshot.acl().compile(id);
  }

  private ClientIdentity identity(ServeAccounts.Account a) {
    return snapshot.auth().users().identity(a.clientId(), a.username()).orElseThrow();
  }

  /** The first allowed subscribe filter of the user's grants. */
  private Optional<String> subscribable(ServeAccounts.Account a, ClientPolicy policy) {
    for (String f : grantFilters(a.roles(), "subscribe", a.clientId(), a.username())) {
      if (policy.subscribe(f, 1).allowed()) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The first topic of the user's grants it may publish a plain payload to at QoS 1. */
  private Optional<String> publishable(ServeAccounts.Account a, ClientPolicy policy) {
    for (String f : grantFilters(a.roles(), "publish", a.clientId(), a.username())) {
      for (String t : concrete(f, a)) {
        if (mayPublishPlain(a, policy, t)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  private boolean mayPublishPlain(ServeAccounts.Account a, ClientPolicy policy, String topic) {
    byte[] payload = PLAIN.getBytes(StandardCharsets.UTF_8);
    return policy.publish(topic, 1, false, payload.length).allowed()
        && !(snapshot.payload().inbound(topic, identity(a), payload)
            instanceof PayloadVerdict.Refused);
  }

  private void deniedFor(ServeAccounts.Account a, List<ServeAccounts.Account> all) {
    ClientPolicy policy = policy(a);
    String v5 = target.mqtt5() ? " -V mqttv5" : "";
    for (String t : deniedCandidates(a, all)) {
      if (!policy.publish(t, 1, false, 2).allowed()) {
        denied.add(
            new Example(
                "mosquitto_pub " + conn(a) + v5 + " -q 1" + cred(a) + " -t " + t + " -m 99",
                "not granted to " + a.username()));
        break;
      }
    }
    for (String f : List.of("#", "+/#", FILLER + "/#")) {
      if (!policy.subscribe(f, 1).allowed()) {
        denied.add(
            new Example(
                "mosquitto_sub " + conn(a) + v5 + cred(a) + " -t '" + f + "' -C 1",
                "subscription beyond " + a.username() + "'s grants"));
        break;
      }
    }
    String wrong = "not-the-password";
    if (accounts.connect(a.clientId(), a.username(), wrong, a.listener(), List.of())
        instanceof AuthResult.Rejected) {
      denied.add(
          new Example(
              "mosquitto_pub "
                  + conn(a)
                  + " -u "
                  + a.username()
                  + " -P "
                  + wrong
                  + " -i "
                  + a.clientId()
                  + " -t "
                  + FILLER
                  + " -m 1",
              "wrong password"));
    }
    otherClientId(a, all);
  }

  /** Someone else's client ID: printed only when the password is known, so it can be checked. */
  private void otherClientId(ServeAccounts.Account a, List<ServeAccounts.Account> all) {
    if (a.password() == null) {
      return;
    }
    for (ServeAccounts.Account b : all) {
      if (!b.username().equals(a.username())
          && accounts.connect(b.clientId(), a.username(), a.password(), a.listener(), List.of())
              instanceof AuthResult.Rejected) {
        denied.add(
            new Example(
                "mosquitto_pub "
                    + conn(a)
                    + " -u "
                    + a.username()
                    + " -P "
                    + a.password()
                    + " -i "
                    + b.clientId()
                    + " -t "
                    + FILLER
                    + " -m 1",
                "someone else's client ID"));
        return;
      }
    }
  }

  private List<String> deniedCandidates(ServeAccounts.Account a, List<ServeAccounts.Account> all) {
    Set<String> out = new LinkedHashSet<>();
    for (ServeAccounts.Account b : all) {
      if (!b.username().equals(a.username())) {
        publishable(b, policy(b)).ifPresent(out::add);
      }
    }
    for (String role : iterable(roles.fieldNames())) {
      for (String f : grantFilters(List.of(role), "publish", a.clientId(), a.username())) {
        out.addAll(concrete(f, a));
      }
    }
    out.add("mqtt-guard-example/not-granted");
    return List.copyOf(out);
  }

  /** The allow filters of {@code roleNames} for {@code action}, substitutions applied. */
  List<String> grantFilters(List<String> roleNames, String action, String clientId, String user) {
    List<String> out = new ArrayList<>();
    for (String role : roleNames) {
      for (JsonNode rule : roles.path(role).path("rules")) {
        if (!rule.path("effect").asText().equals("allow") || !has(rule.path("actions"), action)) {
          continue;
        }
        for (JsonNode t : rule.path("topics")) {
          String f = t.asText().replace("${client.id}", clientId).replace("${user.name}", user);
          if (!f.contains("${") && !f.startsWith("$share/")) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  /** Topic names a filter matches: {@code +} as the client ID, user name or a filler word. */
  static List<String> concrete(String filter, ServeAccounts.Account a) {
    return concrete(filter, a.clientId(), a.username());
  }

  static List<String> concrete(String filter, String clientId, String username) {
    Set<String> out = new LinkedHashSet<>();
    for (String word : List.of(clientId, username, FILLER)) {
      String t = filter.replace("+", word);
      t = t.equals("#") ? FILLER : t.endsWith("/#") ? t.substring(0, t.length() - 1) + "temp" : t;
      if (!t.isEmpty() && !t.contains("#") && !t.startsWith("$") && !t.contains("'")) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  private static boolean has(JsonNode array, String value) {
    for (JsonNode v : array) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static Iterable<String> iterable(java.util.Iterator<String> it) {
    return () -> it;
  }

  /** Host, port and (on TLS) the CA for the account's listener. */
  String conn(ServeAccounts.Account a) {
    if (a.listener().equals(ServeAccounts.TCP)) {
      return "-h localhost -p " + target.port();
    }
    Path ca = target.caPem();
    return "-h localhost -p "
        + target.tlsPort()
        + " --cafile "
        + (ca == null ? "'<CA certificate of the server>'" : ca.toString());
  }

  /** {@code -u -P -i}, with a placeholder for a password that is not public. */
  static String cred(ServeAccounts.Account a) {
    String pw = a.password() == null ? "'<password of " + a.username() + ">'" : a.password();
    return " -u " + a.username() + " -P " + pw + " -i " + a.clientId();
  }
}
