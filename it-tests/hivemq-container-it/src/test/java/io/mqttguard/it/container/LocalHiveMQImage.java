package io.mqttguard.it.container;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import io.mqttguard.testsupport.AllowAllStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The HiveMQ CE image the container tests run: {@code -Dhivemq.image=<name>} (e.g. the official
 * {@code hivemq/hivemq-ce:2025.5}, pulled by Testcontainers), or by default a test image built here
 * from local files only (see {@code src/image/Dockerfile}) and tagged with a hash of its inputs, so
 * the Docker engine keeps it between runs and it is rebuilt only when an input changes. Also makes
 * sure Testcontainers' tiny helper image exists locally (it cannot be pulled without a registry).
 *
 * <p>Stateless; callers run on the JUnit thread.
 */
final class LocalHiveMQImage {
  static final String REPOSITORY = "mqtt-guard-it/hivemq-ce";

  /** Named by {@code tinyimage.container.image} in {@code testcontainers.properties}. */
  static final String TINY_IMAGE = "mqtt-guard-it/tiny:busybox";

  static final String BUSYBOX = "/bin/busybox";
  static final int HIVEMQ_UID = 10000;

  /** What {@code jdeps} reports for HiveMQ CE's jars, plus EC keys for TLS and java.xml. */
  static final List<String> JAVA_MODULES =
      List.of(
          "java.base",
          "java.desktop",
          "java.logging",
          "java.management",
          "java.naming",
          "java.sql",
          "java.xml",
          "jdk.crypto.ec",
          "jdk.management",
          "jdk.unsupported");

  /**
   * The libraries the JVM and RocksDB's JNI library link (Debian: libc6, zlib1g, libstdc++6,
   * libgcc-s1).
   */
  static final List<String> SYSTEM_LIBS =
      List.of(
          "/lib64/ld-linux-x86-64.so.2",
          "/lib/x86_64-linux-gnu/libc.so.6",
          "/lib/x86_64-linux-gnu/libm.so.6",
          "/lib/x86_64-linux-gnu/libdl.so.2",
          "/lib/x86_64-linux-gnu/libpthread.so.0",
          "/lib/x86_64-linux-gnu/librt.so.1",
          "/lib/x86_64-linux-gnu/libz.so.1",
          "/lib/x86_64-linux-gnu/libstdc++.so.6",
          "/lib/x86_64-linux-gnu/libgcc_s.so.1");

  private static final List<String> JLINK_OPTIONS =
      List.of("--strip-debug", "--no-man-pages", "--no-header-files", "--compress=2");

  private LocalHiveMQImage() {}

  /** The image to test: {@code -Dhivemq.image}, or the local one as a stand-in for hivemq-ce. */
  static DockerImageName image() {
    ensureTinyImage();
    String configured = System.getProperty("hivemq.image", "");
    if (!configured.isBlank()) {
      // the official image is hivemq/hivemq-ce itself; any other name must be a drop-in for it
      return DockerImageName.parse(configured).asCompatibleSubstituteFor("hivemq/hivemq-ce");
    }
    return DockerImageName.parse(buildIfMissing()).asCompatibleSubstituteFor("hivemq/hivemq-ce");
  }

  /** Builds the local image unless the engine already has the tag for these inputs. */
  static String buildIfMissing() {
    try {
      Path recipe = Path.of(property("image.recipe"));
      Path libs = Path.of(property("hivemq.ce.libs"));
      String tag = REPOSITORY + ":2025.5-" + inputsHash(recipe, libs);
      if (!exists(tag)) {
        long start = System.nanoTime();
        Path work = Files.createDirectories(Path.of(property("image.work")));
        Path rootfs = writeRootFs(recipe, libs, work);
        var unused =
            new ImageFromDockerfile(tag, false)
                .withFileFromPath("Dockerfile", recipe.resolve("Dockerfile"))
                .withFileFromPath("rootfs.tar", rootfs)
                .get();
        Files.delete(rootfs);
        System.out.printf("built %s in %d s%n", tag, (System.nanoTime() - start) / 1_000_000_000L);
        removeOtherTags(tag);
      }
      return tag;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("building the local HiveMQ image failed", e);
    }
  }

  private static Path writeRootFs(Path recipe, Path libs, Path work) throws IOException {
    Path jre = jlink(work);
    Path allowAll = AllowAllStandIn.install(Files.createDirectories(work.resolve("ext")));
    Path tarFile = work.resolve("rootfs.tar");
    try (RootFsTar tar = new RootFsTar(tarFile)) {
      tar.dir("/tmp", 01777, 0);
      tar.file(BUSYBOX, Path.of(BUSYBOX), 0755, 0);
      for (String applet : busyboxApplets()) {
        tar.symlink("/bin/" + applet, "busybox");
      }
      for (String lib : SYSTEM_LIBS) {
        tar.file(lib, Path.of(lib), 0755, 0);
      }
      tar.tree("/etc", recipe.resolve("etc"), 0, 0755, 0644, 0755);
      tar.tree("/opt/java/openjdk", jre, 0, 0755, 0644, 0755);
      tar.file("/opt/docker-entrypoint.sh", recipe.resolve("opt/docker-entrypoint.sh"), 0755, 0);
      // like the official image: HiveMQ's home belongs to uid 10000, group 0, no access for others
      tar.tree("/opt/hivemq", recipe.resolve("opt/hivemq"), HIVEMQ_UID, 0770, 0660, 0770);
      tar.tree("/opt/hivemq/lib", libs, HIVEMQ_UID, 0770, 0660, 0660);
      tar.dir("/opt/hivemq/extensions", 0770, HIVEMQ_UID);
      tar.tree(
          "/opt/hivemq/extensions/hivemq-allow-all-extension",
          allowAll,
          HIVEMQ_UID,
          0770,
          0660,
          0660);
      tar.dir("/opt/hivemq/data", 0770, HIVEMQ_UID);
      tar.dir("/opt/hivemq/log", 0770, HIVEMQ_UID);
    }
    return tarFile;
  }

  private static Path jlink(Path work) throws IOException {
    Path out = work.resolve("jre");
    deleteTree(out);
    ToolProvider jlink =
        ToolProvider.findFirst("jlink")
            .orElseThrow(
                () -> new IllegalStateException("jlink not found: run the tests on a JDK"));
    List<String> args = new ArrayList<>(List.of("--add-modules", String.join(",", JAVA_MODULES)));
    args.addAll(JLINK_OPTIONS);
    args.addAll(List.of("--output", out.toString()));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (PrintWriter w = new PrintWriter(log, true, UTF_8)) {
      int rc = jlink.run(w, w, args.toArray(new String[0]));
      if (rc != 0) {
        throw new IllegalStateException("jlink failed (" + rc + "): " + log.toString(UTF_8));
      }
    }
    return out;
  }

  /** The applets of Debian's static busybox ({@code apt-get install busybox-static}). */
  private static List<String> busyboxApplets() throws IOException {
    if (!Files.isExecutable(Path.of(BUSYBOX))) {
      throw new IllegalStateException(
          BUSYBOX + " is missing: apt-get install -y busybox-static (.ci/run installs it)");
    }
    Process p = new ProcessBuilder(BUSYBOX, "--list").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    return out.lines().filter(l -> !l.isBlank() && !l.equals("busybox")).sorted().toList();
  }

  /** SHA-256 over everything that goes into the image, without running jlink. */
  private static String inputsHash(Path recipe, Path libs) throws IOException {
    MessageDigest sha = sha256();
    update(sha, String.join(",", JAVA_MODULES) + String.join(",", JLINK_OPTIONS));
    update(sha, Files.readString(Path.of(System.getProperty("java.home"), "release"), UTF_8));
    for (Path p : sortedFiles(recipe)) {
      update(sha, recipe.relativize(p) + (Files.isExecutable(p) ? " x" : " -"));
      digest(sha, p);
    }
    for (Path p : sortedFiles(libs)) {
      update(sha, p.getFileName().toString());
      digest(sha, p);
    }
    digest(sha, Path.of(BUSYBOX));
    for (String lib : SYSTEM_LIBS) {
      update(sha, lib);
      digest(sha, Path.of(lib));
    }
    String cls = AllowAllStandIn.class.getName().replace('.', '/') + ".class";
    try (InputStream in = AllowAllStandIn.class.getClassLoader().getResourceAsStream(cls)) {
      sha.update(in == null ? new byte[0] : in.readAllBytes());
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  /** Builds {@link #TINY_IMAGE} (busybox, FROM scratch) if the engine does not have it. */
  static void ensureTinyImage() {
    if (exists(TINY_IMAGE)) {
      return;
    }
    try {
      Path work = Files.createDirectories(Path.of(property("image.work")));
      Path tarFile = work.resolve("tiny.tar");
      try (RootFsTar tar = new RootFsTar(tarFile)) {
        tar.dir("/tmp", 01777, 0);
        tar.file(BUSYBOX, Path.of(BUSYBOX), 0755, 0);
        for (String applet : busyboxApplets()) {
          tar.symlink("/bin/" + applet, "busybox");
        }
      }
      var unused =
          new ImageFromDockerfile(TINY_IMAGE, false)
              .withFileFromString("Dockerfile", "FROM scratch\nADD tiny.tar /\nCMD [\"sh\"]\n")
              .withFileFromPath("tiny.tar", tarFile)
              .get();
    } catch (Exception e) {
      throw new IllegalStateException("building " + TINY_IMAGE + " failed", e);
    }
  }

  private static boolean exists(String image) {
    try {
      var unused = client().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Removes older builds of {@link #REPOSITORY} (only images these tests made). */
  private static void removeOtherTags(String keep) {
    for (Image i : client().listImagesCmd().withReferenceFilter(REPOSITORY).exec()) {
      String[] tags = i.getRepoTags();
      if (tags != null && !List.of(tags).contains(keep)) {
        for (String t : tags) {
          if (t.startsWith(REPOSITORY + ":")) {
            client().removeImageCmd(t).exec();
          }
        }
      }
    }
  }

  private static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set (see the pom)");
    }
    return v;
  }

  private static List<Path> sortedFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(UTF_8));
    sha.update((byte) 0);
  }

  private static void digest(MessageDigest sha, Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
