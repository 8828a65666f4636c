package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonConfigReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mqtt-guard passwd}: hashes a password read without echo (or from stdin) and either prints
 * the hash or stores it in a users file, replacing the file atomically and keeping everything else
 * in it.
 */
@Command(
    name = "passwd",
    description = {
      "Hash a password for users.json.",
      "Reads the password from the terminal without echo (asked twice), or the first line of"
          + " stdin when stdin is not a terminal. Without --file prints the hash; with --file"
          + " creates or updates the user's password in that file atomically, keeping the rest"
          + " of the file."
    })
final class PasswdCommand implements Callable<Integer> {
  private static final int MAX_PASSWORD_BYTES = 65_535;

  private final Io io;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "USERS_JSON",
      description = "users.json to create or update (default: print the hash).")
  @Nullable Path file;

  @Option(
      names = {"-a", "--algorithm"},
      paramLabel = "ALG",
      converter = AlgorithmConverter.class,
      description = "argon2id (default), bcrypt or pbkdf2-sha512.")
  HashAlgorithm algorithm = HashAlgorithm.ARGON2ID;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "Set the user's roles (repeatable; with --file only).")
  List<String> roles = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "USER", description = "The username.")
  String user = "";

  PasswdCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException {
    if (file == null && !roles.isEmpty()) {
      throw new CliException("--role needs --file");
    }
    String fileName = file == null ? "users.json" : fileName(file);
    ObjectNode doc = file != null && Files.exists(file) ? load(file) : newDocument();
    ObjectNode users = doc.withObjectProperty("users");
    boolean created = !(users.get(user) instanceof ObjectNode);
    ObjectNode entry =
        users.get(user) instanceof ObjectNode existing ? existing : users.putObject(user);
    entry.put("password", "placeholder");
    if (!roles.isEmpty()) {
      ArrayNode array = entry.putArray("roles");
      roles.forEach(array::add);
    }
    // validate the username, roles and structure before asking for the password
    var unused = new JsonConfigReader().parse(fileName, JsonFiles.render(doc), UsersConfig.SCHEMA);

    byte[] password = readPassword();
    String hash;
    try {
      hash = algorithm.hash(password, io.random());
    } finally {
      Arrays.fill(password, (byte) 0);
    }
    if (file == null) {
      io.out().println(hash);
      return ExitCodes.OK;
    }
    entry.put("password", hash);
    byte[] content = JsonFiles.render(doc);
    var unusedChecked = new JsonConfigReader().parse(fileName, content, UsersConfig.SCHEMA);
    JsonFiles.writeAtomically(file, content);
    io.err()
        .println(
            (created ? "created user '" : "updated user '")
                + user
                + "' in "
                + file
                + " ("
                + algorithm
                + ")");
    return ExitCodes.OK;
  }

  private static ObjectNode newDocument() {
    ObjectNode doc = JsonFiles.object();
    doc.put("$schema", "https://mqttguard.io/schemas/users-1.json");
    doc.putObject("users");
    return doc;
  }

  private static ObjectNode load(Path file) throws ConfigException {
    JsonNode root = new JsonConfigReader().read(file, UsersConfig.SCHEMA);
    if (!(root instanceof ObjectNode object)) {
      throw new CliException(file + ": expected a JSON object");
    }
    return object;
  }

  private byte[] readPassword() {
    var console = io.console();
    if (console != null) {
      char[] first = console.readPassword("Password for %s: ", user);
      char[] second = console.readPassword("Repeat password: ");
      try {
        if (first == null || second == null) {
          throw new CliException("no password entered");
        }
        if (!Arrays.equals(first, second)) {
          throw new CliException("the passwords do not match");
        }
        return checked(encode(first));
      } finally {
        if (first != null) {
          Arrays.fill(first, '\0');
        }
        if (second != null) {
          Arrays.fill(second, '\0');
        }
      }
    }
    return checked(firstLineOfStdin());
  }

  private byte[] firstLineOfStdin() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = io.in().read()) != -1 && b != '\n') {
        if (line.size() > MAX_PASSWORD_BYTES) {
          throw new CliException("password longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new CliException("cannot read the password from stdin: " + JsonFiles.describe(e), e);
    }
    byte[] bytes = line.toByteArray();
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\r') {
      n--;
    }
    byte[] result = Arrays.copyOf(bytes, n);
    Arrays.fill(bytes, (byte) 0);
    return result;
  }

  private static byte[] checked(byte[] password) {
    if (password.length == 0) {
      throw new CliException("empty password");
    }
    if (password.length > MAX_PASSWORD_BYTES) {
      throw new CliException("password longer than " + MAX_PASSWORD_BYTES + " bytes");
    }
    return password;
  }

  private static byte[] encode(char[] chars) {
    ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), buf.arrayOffset(), buf.arrayOffset() + buf.limit(), (byte) 0);
    }
    return bytes;
  }

  /** Converts {@code --algorithm} values. */
  static final class AlgorithmConverter
      implements picocli.CommandLine.ITypeConverter<HashAlgorithm> {
    @Override
    public HashAlgorithm convert(String value) {
      return HashAlgorithm.parse(value);
    }
  }

  private static String fileName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }
}
