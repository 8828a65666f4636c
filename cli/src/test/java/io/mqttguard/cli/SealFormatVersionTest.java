package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seal} writes wire format version 2 by default ({@code --format-version 1} for legacy
 * receivers), binds stamps to {@code --client-id} in version 2, and {@code open} opens both
 * versions and names the version in its note.
 */
class SealFormatVersionTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @BeforeEach
  void keys() throws Exception {
    var unused = PayloadKeys.create(dir);
  }

  @Test
  void seal_writesVersion2ByDefault_andOpenNamesTheVersion() {
    Cli.Result sealed = seal("21.5", "-t", "a/b");
    Cli.Result opened = open(sealed, "a/b");

    assertThat(sealed.code()).as(sealed.toString()).isZero();
    assertThat(sealed.stdout()[0]).isEqualTo((byte) 2);
    assertThat(opened.out()).isEqualTo("21.5");
    assertThat(opened.err())
        .isEqualTo("note: AES-256-GCM envelope of key 1 (format version 2) opened\n");
  }

  @Test
  void formatVersion1_writesTheLegacyFormat_whichOpenStillOpens() {
    Cli.Result envelope = seal("21.5", "-t", "a/b", "--format-version", "1");
    Cli.Result stamp = seal("open", "-t", "a/b", "--hmac", "--format-version=1");

    assertThat(envelope.stdout()[0]).isEqualTo((byte) 1);
    assertThat(stamp.stdout()).hasSize(15 + 32 + 4);
    assertThat(open(envelope, "a/b").err()).contains("(format version 1) opened");
    assertThat(open(stamp, "a/b").err()).contains("HMAC-SHA256 stamp of key 2 (format version 1)");
    assertThat(open(stamp, "a/b").out()).isEqualTo("open");
  }

  @Test
  void hmacStamps_ofTheSameInput_differ() {
    Cli.Result a = seal("open", "-t", "cmd/door", "--hmac");
    Cli.Result b = seal("open", "-t", "cmd/door", "--hmac");

    assertThat(a.stdout()).hasSize(27 + 32 + 4).isNotEqualTo(b.stdout());
  }

  @Test
  void boundHmacStamp_opensOnlyForItsClientId() {
    Cli.Result stamp = seal("open", "-t", "cmd/door", "--hmac", "--client-id", "door-1");

    Cli.Result mine = open(stamp, "cmd/door", "--client-id", "door-1");
    Cli.Result other = open(stamp, "cmd/door", "--client-id", "door-2");
    Cli.Result nobody = open(stamp, "cmd/door");

    assertThat(stamp.code()).as(stamp.toString()).isZero();
    assertThat(stamp.stdout()[2]).isEqualTo((byte) 1);
    assertThat(mine.code()).as(mine.toString()).isZero();
    assertThat(mine.out()).isEqualTo("open");
    assertThat(mine.err())
        .isEqualTo(
            "note: HMAC-SHA256 stamp of key 2 (format version 2, bound to the client ID) verified;"
                + " the payload was not encrypted\n");
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).isEqualTo("error: payload protection failed (HMAC_INVALID)\n");
    assertThat(nobody.code()).isEqualTo(1);
    assertThat(nobody.err())
        .isEqualTo("error: payload protection failed (CLIENT_BINDING_REQUIRED)\n");
  }

  @Test
  void boundSignatureStamps_opensOnlyForTheirClientId() {
    for (String[] key : new String[][] {{"ed.key", "3"}, {"ec.key", "4"}}) {
      Cli.Result stamp =
          seal(
              "fw",
              "-t",
              "fw/image",
              "--sign",
              dir.resolve(key[0]).toString(),
              "--key-id",
              key[1],
              "-i",
              "gw-1");

      assertThat(stamp.code()).as(stamp.toString()).isZero();
      assertThat(open(stamp, "fw/image", "-i", "gw-1").out()).isEqualTo("fw");
      assertThat(open(stamp, "fw/image", "-i", "gw-2").err())
          .isEqualTo("error: payload protection failed (SIGNATURE_INVALID)\n");
    }
  }

  private Cli.Result seal(String input, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "seal";
    all[1] = "-c";
    all[2] = dir.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.runWithInput(input, all);
  }

  private Cli.Result open(Cli.Result sealed, String topic, String... more) {
    String[] all = new String[5 + more.length];
    all[0] = "open";
    all[1] = "-c";
    all[2] = dir.toString();
    all[3] = "-t";
    all[4] = topic;
    System.arraycopy(more, 0, all, 5, more.length);
    return Cli.runWithInput(sealed.stdout(), all);
  }
}
