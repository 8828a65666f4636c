package io.mqttguard.moquette;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mqttguard.testsupport.AdapterArchitecture;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The adapter only translates (docs/architecture.md): of MQTT Guard it uses the facade {@code
 * io.mqttguard.guard}, the bottom floor ({@code topic}, {@code config}, {@code identity}, {@code
 * audit}) and, of {@code acl}/{@code auth}/{@code payload}, only the value types the facade's API
 * hands it ({@link #VALUE_TYPES}); never an engine (policies, authenticator, payload guard,
 * loaders), the CLI or the other adapter. Checked with ArchUnit on the compiled main classes.
 */
class ArchitectureTest {
  /**
   * The middle-floor types this adapter may use, each exposed by the facade and each used by the
   * adapter itself (it consumes {@code Guard}, {@code ClientSession}, {@code ConnectOutcome},
   * {@code InboundPublish} and {@code WillVerdict} directly, without a translation layer): {@code
   * ConnectRequest} and its {@code TlsFacts} ({@code ConnectRewriter} → {@code Guard.connect}),
   * {@code RejectReason} ({@code ConnectHandshake}: {@code ConnectOutcome.Rejected}), {@code
   * PayloadVerdict} and its {@code RefusalReason} ({@code Publishes}: {@code
   * InboundPublish.Checked.payload()}), {@code Decision} ({@code Publishes}, {@code Subscribes},
   * {@code GuardAuthorizator}: {@code ClientSession.subscribe/receive}, {@code
   * InboundPublish.decision()}). Nested types of these are included.
   */
  static final Set<String> VALUE_TYPES =
      Set.of(
          "io.mqttguard.acl.Decision",
          "io.mqttguard.auth.ConnectRequest",
          "io.mqttguard.auth.RejectReason",
          "io.mqttguard.auth.TlsFacts",
          "io.mqttguard.payload.PayloadVerdict",
          "io.mqttguard.payload.RefusalReason");

  private static final JavaClasses ADAPTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mqttguard.moquette");

  @Test
  void theAdapterIsImported() {
    assertThat(ADAPTER.contain(MqttGuardMoquette.class)).isTrue();
  }

  @Test
  void adapter_usesOnlyTheFacadeTheBottomFloorAndTheValueTypesTheFacadeExposes() {
    AdapterArchitecture.translatesOnly("io.mqttguard.moquette", VALUE_TYPES).check(ADAPTER);
  }
}
