package io.mqttguard.load.hivemq;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
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
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The baseline's only extension: the equivalent of HiveMQ's {@code hivemq-allow-all-extension} (an
 * authenticator that lets every client in, no authorizer, no interceptor). {@link #install}
 * packages this class as a folder extension so HiveMQ loads it like any other; there is no service
 * file for it on the application classpath.
 *
 * <p>With a file {@value #HOOKS_MARKER} in the extension folder it also registers the same kinds of
 * hooks MQTT Guard registers, each doing nothing but allow: a publish/subscribe authorizer and, per
 * client, a {@code PublishInboundInterceptor} and a {@code PublishOutboundInterceptor}. That
 * control target measures what HiveMQ's extension pipeline itself costs (with any interceptor
 * registered, every inbound PUBLISH and every delivery go through the per-client extension task
 * queues), separately from the cost of MQTT Guard's decisions.
 */
public final class AllowAllMain implements ExtensionMain {
  static final String HOOKS_MARKER = "noop-hooks";

  /** The hooks a control target can register: the authorizer and the two interceptors. */
  static final Set<String> ALL_HOOKS = Set.of("authorizer", "inbound", "outbound");

  @Override
  public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
    SimpleAuthenticator allowAll = (i, o) -> o.authenticateSuccessfully();
    Services.securityRegistry().setAuthenticatorProvider(i -> allowAll);
    Path home = in.getExtensionInformation().getExtensionHomeFolder().toPath();
    Path marker = home.resolve(HOOKS_MARKER);
    if (!Files.exists(marker)) {
      return;
    }
    String hooks;
    try {
      hooks = Files.readString(marker, StandardCharsets.UTF_8);
    } catch (IOException e) {
      out.preventExtensionStartup("cannot read " + marker + ": " + e);
      return;
    }
    if (hooks.contains("authorizer")) {
      AllowingAuthorizer authorizer = new AllowingAuthorizer();
      Services.securityRegistry().setAuthorizerProvider(i -> authorizer);
    }
    PublishInboundInterceptor inbound = (i, o) -> {};
    PublishOutboundInterceptor outbound = (i, o) -> {};
    boolean addInbound = hooks.contains("inbound");
    boolean addOutbound = hooks.contains("outbound");
    if (addInbound || addOutbound) {
      Services.initializerRegistry()
          .setClientInitializer(
              (i, client) -> {
                if (addInbound) {
                  client.addPublishInboundInterceptor(inbound);
                }
                if (addOutbound) {
                  client.addPublishOutboundInterceptor(outbound);
                }
              });
    }
  }

  @Override
  public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}

  /** Allows every PUBLISH and SUBSCRIBE (control target only). Stateless. */
  static final class AllowingAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
    @Override
    public void authorizePublish(PublishAuthorizerInput in, PublishAuthorizerOutput out) {
      out.authorizeSuccessfully();
    }

    @Override
    public void authorizeSubscribe(
        SubscriptionAuthorizerInput in, SubscriptionAuthorizerOutput out) {
      out.authorizeSuccessfully();
    }
  }

  /**
   * Writes the extension folder {@code hivemq-allow-all-extension} below {@code extensions}; with
   * {@code noopHooks} (a subset of {@link #ALL_HOOKS}), the control variant described in the class
   * comment with only those hooks.
   */
  static void install(Path extensions, Set<String> noopHooks) throws IOException {
    Path dir = Files.createDirectories(extensions.resolve("hivemq-allow-all-extension"));
    Files.writeString(
        dir.resolve("hivemq-extension.xml"),
        "<hivemq-extension><id>hivemq-allow-all-extension</id><name>Allow All Extension</name>"
            + "<version>1.1.0</version><priority>0</priority></hivemq-extension>",
        StandardCharsets.UTF_8);
    if (!noopHooks.isEmpty()) {
      Files.writeString(
          dir.resolve(HOOKS_MARKER), String.join(",", noopHooks), StandardCharsets.UTF_8);
    }
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(dir.resolve("hivemq-allow-all-extension.jar")))) {
      jar.putNextEntry(
          new JarEntry("META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain"));
      jar.write((AllowAllMain.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Class<?> c : List.of(AllowAllMain.class, AllowingAuthorizer.class)) {
        String cls = c.getName().replace('.', '/') + ".class";
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
}
