package io.mqttguard.load.hivemq;

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
 * The baseline's only extension: the equivalent of HiveMQ's {@code hivemq-allow-all-extension} (an
 * authenticator that lets every client in, no authorizer, no interceptor). {@link #install}
 * packages this class as a folder extension so HiveMQ loads it like any other; there is no service
 * file for it on the application classpath.
 */
public final class AllowAllMain implements ExtensionMain {
  @Override
  public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
    SimpleAuthenticator allowAll = (i, o) -> o.authenticateSuccessfully();
    Services.securityRegistry().setAuthenticatorProvider(i -> allowAll);
  }

  @Override
  public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}

  /** Writes the extension folder {@code hivemq-allow-all-extension} below {@code extensions}. */
  static void install(Path extensions) throws IOException {
    Path dir = Files.createDirectories(extensions.resolve("hivemq-allow-all-extension"));
    Files.writeString(
        dir.resolve("hivemq-extension.xml"),
        "<hivemq-extension><id>hivemq-allow-all-extension</id><name>Allow All Extension</name>"
            + "<version>1.1.0</version><priority>0</priority></hivemq-extension>",
        StandardCharsets.UTF_8);
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(dir.resolve("hivemq-allow-all-extension.jar")))) {
      jar.putNextEntry(
          new JarEntry("META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain"));
      jar.write((AllowAllMain.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      String cls = AllowAllMain.class.getName().replace('.', '/') + ".class";
      jar.putNextEntry(new JarEntry(cls));
      try (InputStream in = AllowAllMain.class.getClassLoader().getResourceAsStream(cls)) {
        if (in == null) {
          throw new IOException(cls + " not found");
        }
        in.transferTo(jar);
      }
    }
  }
}
