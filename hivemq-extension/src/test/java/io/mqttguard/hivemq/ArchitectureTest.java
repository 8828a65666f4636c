package io.mqttguard.hivemq;

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
   * The middle-floor types this adapter may use, each exposed by the facade: {@code Decision}
   * ({@code ClientSession.publish/subscribe/receive}), {@code PublishGrants}, {@code PublishGrant}
   * and its {@code Effect} ({@code EnforcementPlan.publishGrants}, translated to HiveMQ
   * permissions), {@code ConnectRequest} and its {@code TlsFacts} ({@code Guard.connect}), {@code
   * RejectReason} ({@code ConnectOutcome.Rejected}), {@code PayloadVerdict}, its {@code
   * RefusalReason} and that reason's {@code PublishAckCode} ({@code
   * InboundPublish.Checked.payload()}, {@code RefusalReason.ackCode()}, translated by {@code
   * ReasonCodes}). Nested types of these are included.
   */
  static final Set<String> VALUE_TYPES =
      Set.of(
          "io.mqttguard.acl.Decision",
          "io.mqttguard.acl.Effect",
          "io.mqttguard.acl.PublishGrant",
          "io.mqttguard.acl.PublishGrants",
          "io.mqttguard.auth.ConnectRequest",
          "io.mqttguard.auth.RejectReason",
          "io.mqttguard.auth.TlsFacts",
          "io.mqttguard.payload.PayloadVerdict",
          "io.mqttguard.payload.PublishAckCode",
          "io.mqttguard.payload.RefusalReason");

  private static final JavaClasses ADAPTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mqttguard.hivemq");

  @Test
  void theAdapterIsImported() {
    assertThat(ADAPTER.contain(MqttGuardExtensionMain.class)).isTrue();
  }

  @Test
  void adapter_usesOnlyTheFacadeTheBottomFloorAndTheValueTypesTheFacadeExposes() {
    AdapterArchitecture.translatesOnly("io.mqttguard.hivemq", VALUE_TYPES).check(ADAPTER);
  }
}
