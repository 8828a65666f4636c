package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ entry point and the adapter's only composition root. Not thread-safe by itself: HiveMQ
 * calls start and stop on its single start-stop thread.
 */
public final class MqttGuardExtensionMain implements ExtensionMain {
  private static final Logger LOG = LoggerFactory.getLogger(MqttGuardExtensionMain.class);

  private @Nullable AutoCloseable running;

  /** Called by HiveMQ's service loader. */
  public MqttGuardExtensionMain() {}

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Path home = input.getExtensionInformation().getExtensionHomeFolder().toPath();
    for (Path allowAll : AllowAllDetector.enabledAllowAllExtensions(home)) {
      LOG.warn(
          "MQTT Guard: HiveMQ's allow-all extension is installed and enabled at {}. If MQTT Guard"
              + " ever fails to start, EVERY client will be let in. Remove that folder (see"
              + " docs/hivemq.md).",
          allowAll);
    }
    Path conf = home.resolve("conf");
    if (!Files.isDirectory(conf)) {
      output.preventExtensionStartup("MQTT Guard: configuration folder " + conf + " is missing");
    }
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    AutoCloseable r = running;
    running = null;
    if (r != null) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("MQTT Guard: error while stopping: {}", e.toString());
      }
    }
  }
}
