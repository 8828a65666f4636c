package io.mqttguard.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change detection is by content, never by modification time. */
class ConfigFilesTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void fingerprint_ignoresModificationTime_butSeesEveryByte() throws Exception {
    var unused = new ConfigDir(tmp);
    String before = ConfigFiles.read(tmp).mainFingerprint();
    Files.setLastModifiedTime(
        tmp.resolve("acl.json"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(ConfigFiles.read(tmp).mainFingerprint()).isEqualTo(before);
    Files.writeString(tmp.resolve("acl.json"), ConfigDir.ACL.replace("plant", "plank"));
    assertThat(ConfigFiles.read(tmp).mainFingerprint()).isNotEqualTo(before);
  }

  @Test
  void fingerprint_distinguishesAnEmptyFileFromAMissingOne() throws Exception {
    var unused = new ConfigDir(tmp);
    Files.delete(tmp.resolve("guard.json"));
    String missing = ConfigFiles.read(tmp).mainFingerprint();
    Files.writeString(tmp.resolve("guard.json"), "");
    assertThat(ConfigFiles.read(tmp).mainFingerprint()).isNotEqualTo(missing);
    assertThat(ConfigFiles.read(tmp).has("guard.json")).isTrue();
  }

  @Test
  void referencedFiles_changeTheirFingerprint_andMissingOnesAreMarked() throws Exception {
    Path crl = tmp.resolve("a.crl");
    Files.writeString(crl, "one");
    String one = ConfigFiles.fingerprintOf(List.of(crl));
    Files.writeString(crl, "two");
    String two = ConfigFiles.fingerprintOf(List.of(crl));
    Files.delete(crl);
    assertThat(List.of(one, two, ConfigFiles.fingerprintOf(List.of(crl)))).doesNotHaveDuplicates();
  }

  @Test
  void missingDirectory_isAConfigError() {
    assertThatThrownBy(() -> ConfigFiles.read(tmp.resolve("nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration directory not found");
  }

  @Test
  void options_rejectNonsense() {
    GuardOptions.Builder b =
        GuardOptions.builder(tmp, new MutableClock(Instant.EPOCH), ConfigDir.RANDOM, (s, w) -> {});
    GuardOptions o = b.build();
    assertThat(o.reloadInterval()).isEqualTo(GuardOptions.DEFAULT_RELOAD_INTERVAL);
    assertThat(o.watchFiles()).isTrue();
    assertThat(o.debounce()).isEqualTo(GuardOptions.DEFAULT_DEBOUNCE);
    assertThat(o.hashingExecutor()).isNull();
    assertThat(o.toBuilder().build()).isEqualTo(o);
    assertThatThrownBy(() -> o.toBuilder().hashingThreads(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.toBuilder().reloadInterval(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
