package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic and client ID of {@code seal}/{@code open} are valid MQTT strings, exactly as typed;
 * anything else is a usage error (exit 2) with a clear message, never a crash or a binding to other
 * bytes (issue 15 items 10 and 11). The process-level run under {@code LC_ALL=C} is in {@link
 * LauncherIT}.
 */
class PayloadArgumentsTest {
  private static final String TOO_LONG = "a".repeat(65_536);
  private static final String NOT_A_TOPIC =
      " is not a valid MQTT topic name (the topic of a PUBLISH): ";

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @BeforeEach
  void keys() throws Exception {
    var unused = PayloadKeys.create(dir);
  }

  @Test
  void sealAndOpen_wildcardOrEmptyTopic_exit2() {
    assertUsage(
        seal("-t", "a/+"),
        "error: --topic 'a/+'" + NOT_A_TOPIC + "a topic name must not contain '+' or '#'");
    assertUsage(
        seal("-t", "a/#"),
        "error: --topic 'a/#'" + NOT_A_TOPIC + "a topic name must not contain '+' or '#'");
    assertUsage(seal("-t", ""), "error: --topic (empty)" + NOT_A_TOPIC + "must not be empty");
    assertUsage(
        seal("-t", "a\u0000b"),
        "error: --topic 'a\\u0000b'" + NOT_A_TOPIC + "must not contain U+0000");
    assertUsage(
        open(sealed("a/b"), "-t", "a/+"),
        "error: --topic 'a/+'" + NOT_A_TOPIC + "a topic name must not contain '+' or '#'");
  }

  @Test
  void sealAndOpen_topicOf65536Bytes_exit2_notAnAuthenticationFailureOrInternalError() {
    String message =
        "error: --topic '"
            + "a".repeat(60)
            + "...' (65536 bytes in UTF-8)"
            + NOT_A_TOPIC
            + "must be at most 65535 bytes in UTF-8";

    assertUsage(seal("-t", TOO_LONG), message);
    assertUsage(open(sealed("a/b"), "-t", TOO_LONG), message);
  }

  @Test
  void topicLimit_isCountedInUtf8Bytes_65535BytesSealAndOpen() {
    String twoByteChars = "\u00e9".repeat(32_768); // 65,536 bytes in 32,768 characters
    String longest = "a".repeat(65_535);

    Cli.Result refused = seal("-t", twoByteChars);
    Cli.Result sealed = seal("-t", longest);
    Cli.Result opened = open(sealed.stdout(), "-t", longest);

    assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("(65536 bytes in UTF-8)").contains("at most 65535 bytes");
    assertThat(sealed.code()).as(sealed.toString()).isZero();
    assertThat(opened.code()).as(opened.toString()).isZero();
    assertThat(opened.out()).isEqualTo("x");
  }

  @Test
  void sealAndOpen_clientIdOf65536BytesOrEmpty_exit2() {
    String message =
        "error: --client-id '"
            + "a".repeat(60)
            + "...' (65536 bytes in UTF-8) is not a valid MQTT client ID: must be at most 65535"
            + " bytes in UTF-8";

    assertUsage(seal("-t", "a/b", "-i", TOO_LONG), message);
    assertUsage(open(sealed("a/b"), "-t", "a/b", "-i", TOO_LONG), message);
    assertUsage(
        seal("-t", "a/b", "-i", ""),
        "error: --client-id (empty) is not a valid MQTT client ID: must not be empty");
  }

  @Test
  void clientId_withTopicCharacters_isBound() {
    Cli.Result sealed = seal("-t", "a/b", "-i", "dev/+#");

    Cli.Result opened = open(sealed.stdout(), "-t", "a/b", "-i", "dev/+#");

    assertThat(opened.code()).as(opened.toString()).isZero();
    assertThat(opened.out()).isEqualTo("x");
  }

  @Test
  void replacementCharacter_inTopicOrClientId_exit2_asItIsNotWhatWasTyped() {
    String message =
        " contains U+FFFD, the replacement for bytes that are not valid UTF-8 (the character set"
            + " Java decoded the command line with), so it is not what you typed; type it in UTF-8";

    assertUsage(seal("-t", "sensors/\uFFFD"), "error: --topic" + message);
    assertUsage(open(sealed("a/b"), "-t", "a/b", "-i", "\uFFFDx"), "error: --client-id" + message);
  }

  @Test
  void nonUtf8CommandLine_nonAsciiArgument_isRefused_asciiIsFine() {
    assertThatThrownBy(() -> PayloadArgs.topicName("--topic", "sensors/\u00e9", "ISO-8859-1"))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "--topic has non-ASCII characters, but Java decoded the command line as ISO-8859-1,"
                + " not UTF-8, so they may not be the bytes you typed; run through ./mqtt-guard or"
                + " under a UTF-8 locale");
    assertThatThrownBy(() -> PayloadArgs.clientId("-i", "\uFFFD\uFFFD", "ANSI_X3.4-1968"))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "-i contains U+FFFD, the replacement for bytes that are not valid in ANSI_X3.4-1968"
                + " (the character set Java decoded the command line with), so it is not what you"
                + " typed; run through ./mqtt-guard or under a UTF-8 locale");
    assertThat(PayloadArgs.topicName("--topic", "sensors/a", "ANSI_X3.4-1968"))
        .isEqualTo("sensors/a");
    assertThat(PayloadArgs.topicName("--topic", "sensors/\u00e9", "UTF-8"))
        .isEqualTo("sensors/\u00e9");
    assertThat(PayloadArgs.clientId("-i", null, "ANSI_X3.4-1968")).isNull();
  }

  private byte[] sealed(String topic) {
    Cli.Result r = seal("-t", topic);
    assertThat(r.code()).as(r.toString()).isZero();
    return r.stdout();
  }

  private Cli.Result seal(String... args) {
    return Cli.runWithInput("x", with("seal", args));
  }

  private Cli.Result open(byte[] input, String... args) {
    return Cli.runWithInput(input, with("open", args));
  }

  private String[] with(String command, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = command;
    all[1] = "-c";
    all[2] = dir.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return all;
  }

  private static void assertUsage(Cli.Result r, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).isEqualTo(message + "\n");
    assertThat(r.stdout()).as(r.toString()).isEmpty();
  }
}
