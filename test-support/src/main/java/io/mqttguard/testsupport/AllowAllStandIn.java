package io.mqttguard.testsupport;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Stand-in for HiveMQ's allow-all extension (same id, priority 0, lets every client in). {@link
 * #install} packages this class as a folder extension (with its own service file, inside the
 * written jar); it is never registered from the test classpath: this module's jar must never carry
 * a {@code META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain}, or every embedded HiveMQ
 * in the ITs would load it.
 */
public final class AllowAllStandIn implements ExtensionMain {
  @Override
  public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
    SimpleAuthenticator allowAll = (i, o) -> o.authenticateSuccessfully();
    Services.securityRegistry().setAuthenticatorProvider(i -> allowAll);
  }

  @Override
  public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}

  /** Writes the extension folder {@code hivemq-allow-all-extension} below {@code parent}. */
  public static Path install(Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("hivemq-allow-all-extension"));
    Files.writeString(
        dir.resolve("hivemq-extension.xml"),
        "<hivemq-extension><id>hivemq-allow-all-extension</id><name>Allow All Extension</name>"
            + "<version>1.1.0</version><priority>0</priority></hivemq-extension>",
        StandardCharsets.UTF_8);
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(dir.resolve("hivemq-allow-all-extension.jar")))) {
      jar.putNextEntry(
          new JarEntry("META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain"));
      jar.write((AllowAllStandIn.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      String cls = AllowAllStandIn.class.getName().replace('.', '/') + ".class";
      jar.putNextEntry(new JarEntry(cls));
      try (InputStream in = AllowAllStandIn.class.getClassLoader().getResourceAsStream(cls)) {
        if (in == null) {
          throw new IOException(cls + " not found");
        }
        in.transferTo(jar);
      }
    }
    return dir;
  }
}
