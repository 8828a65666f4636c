package io.mqttguard.auth;

import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonPointers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the client-ID takeover risks of a {@link UsersConfig} that loading does not reject: some
 * principals bound to client IDs and others not (an unbound one may connect with a bound one's
 * client ID while it is free, e.g. after a restart), and two password users whose patterns allow a
 * common client ID. Disabled users and users without a password never log in by password and are
 * left out. Stateless; one warning per kind of risk, with lists capped at {@link #MAX_NAMES}.
 */
final class ClientIdBindingLint {
  /** At most this many names (or pattern pairs) are listed; the rest are counted. */
  static final int MAX_NAMES = 10;

  private static final String HOW_TO_BIND =
      "bind them with \"clientIds\", e.g. [\"${user.name}\", \"${user.name}-*\"]"
          + " (docs/authentication.md, client-ID binding)";

  private ClientIdBindingLint() {}

  /** The warnings for {@code users}, reported against the file {@code fileName}. */
  static List<ConfigProblem> check(String fileName, UsersConfig users) {
    List<ConfigProblem> warnings = new ArrayList<>();
    Census census = census(users);
    if (census.bound() > 0 && !census.unbound().isEmpty()) {
      warnings.add(
          new ConfigProblem(
              ConfigProblem.Severity.WARNING,
              fileName,
              census.firstUnboundPointer(),
              census.unbound().size()
                  + " of "
                  + (census.bound() + census.unbound().size())
                  + " principals are not bound to client IDs and may connect with the client ID"
                  + " of a bound one while it is free (after a restart, or on another cluster"
                  + " node): "
                  + capped(census.unbound())
                  + "; "
                  + HOW_TO_BIND));
    }
    warnings.addAll(overlaps(fileName, users));
    return warnings;
  }

  /** The principals that can log in: the unbound ones (described) and how many are bound. */
  private record Census(List<String> unbound, String firstUnboundPointer, int bound) {}

  private static Census census(UsersConfig users) {
    List<String> unbound = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    int bound = 0;
    for (String name : users.usernames()) {
      UserEntry u = users.user(name);
      if (u != null && !u.disabled() && u.hash() != null) {
        if (u.clientIds().isEmpty()) {
          unbound.add("user '" + name + "'");
          pointers.add(JsonPointers.child("/users", name));
        } else {
          bound++;
        }
      }
    }
    List<CertificateRule> rules = users.certificateRules();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).clientIds().isEmpty()) {
        unbound.add("certificate rule '" + rules.get(i).name() + "'");
        pointers.add(JsonPointers.child("/certificates", i));
      } else {
        bound++;
      }
    }
    return new Census(unbound, pointers.isEmpty() ? "" : pointers.get(0), bound);
  }

  /** One bound pattern of one password user, expanded for that user. */
  @SuppressWarnings("ArrayRecordComponent") // private, never compared or hashed
  private record Bound(String user, int index, String source, int[] units, String prefix) {}

  private static List<ConfigProblem> overlaps(String fileName, UsersConfig users) {
    List<Bound> all = new ArrayList<>();
    for (String name : users.usernames()) {
      UserEntry u = users.user(name);
      if (u == null || u.disabled() || u.hash() == null) {
        continue;
      }
      for (int i = 0; i < u.clientIds().size(); i++) {
        ClientIdPattern p = u.clientIds().get(i);
        int[] units = p.expandedFor(name);
        if (units != null) {
          all.add(new Bound(name, i, p.toString(), units, literalPrefix(units)));
        }
      }
    }
    // two patterns can share a client ID only if one's literal prefix starts the other's
    all.sort(Comparator.comparing(Bound::prefix));
    List<String> found = new ArrayList<>();
    String first = "";
    for (int i = 0; i < all.size(); i++) {
      Bound a = all.get(i);
      for (int j = i + 1; j < all.size() && all.get(j).prefix().startsWith(a.prefix()); j++) {
        Bound b = all.get(j);
        if (!a.user().equals(b.user()) && intersect(a.units(), b.units())) {
          first = found.isEmpty() ? pointer(a) : first;
          found.add(describe(a) + " and " + describe(b));
        }
      }
    }
    if (found.isEmpty()) {
      return List.of();
    }
    return List.of(
        new ConfigProblem(
            ConfigProblem.Severity.WARNING,
            fileName,
            first,
            found.size()
                + " pair(s) of client-ID patterns of different users allow a common client ID,"
                + " so either user may connect with the other's client ID while it is free: "
                + capped(found)
                + "; make the patterns disjoint (e.g. [\"${user.name}\"] only, or a separator"
                + " that no username contains)"));
  }

  private static String describe(Bound b) {
    return "user '" + b.user() + "' '" + b.source() + "' (" + pointer(b) + ")";
  }

  private static String pointer(Bound b) {
    return JsonPointers.child(JsonPointers.child("/users", b.user()) + "/clientIds", b.index());
  }

  private static String capped(List<String> items) {
    List<String> shown = items.subList(0, Math.min(items.size(), MAX_NAMES));
    String list = String.join(", ", shown);
    return items.size() > shown.size()
        ? list + " and " + (items.size() - shown.size()) + " more"
        : list;
  }

  private static String literalPrefix(int[] units) {
    StringBuilder prefix = new StringBuilder();
    for (int u : units) {
      if (u == ClientIdPattern.STAR) {
        break;
      }
      prefix.append((char) u);
    }
    return prefix.toString();
  }

  /**
   * Whether some string matches both patterns ({@link ClientIdPattern#STAR} = any run of
   * characters, everything else itself): a search over pairs of positions, O(|a|·|b|).
   */
  static boolean intersect(int[] a, int[] b) {
    boolean[][] reachable = new boolean[a.length + 1][b.length + 1];
    reachable[a.length][b.length] = true;
    for (int i = a.length; i >= 0; i--) {
      for (int j = b.length; j >= 0; j--) {
        if (i == a.length && j == b.length) {
          continue;
        }
        boolean starA = i < a.length && a[i] == ClientIdPattern.STAR;
        boolean starB = j < b.length && b[j] == ClientIdPattern.STAR;
        boolean r = false;
        if (starA) {
          r = reachable[i + 1][j] || (j < b.length && reachable[i][j + 1]);
        }
        if (!r && starB) {
          r = reachable[i][j + 1] || (i < a.length && reachable[i + 1][j]);
        }
        if (!r && !starA && !starB && i < a.length && j < b.length && a[i] == b[j]) {
          r = reachable[i + 1][j + 1];
        }
        reachable[i][j] = r;
      }
    }
    return reachable[0][0];
  }
}
