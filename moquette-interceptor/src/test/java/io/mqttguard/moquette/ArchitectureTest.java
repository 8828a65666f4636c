package io.mqttguard.moquette;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
   * InboundPublish.decision()}). Nested types of these are included. (The same rule, with HiveMQ's
   * list, is in {@code io.mqttguard.hivemq.ArchitectureTest}.)
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

  static ArchRule translatesOnly(String adapterPackage, Set<String> valueTypes) {
    DescribedPredicate<JavaClass> valueType =
        describe(
            "a value type the facade exposes " + valueTypes,
            c -> valueTypes.contains(c.getName().replaceFirst("\\$.*", "")));
    return classes()
        .that()
        .resideInAPackage(adapterPackage + "..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("io.mqttguard..")
                .or(
                    resideInAnyPackage(
                        adapterPackage + "..",
                        "io.mqttguard.guard..",
                        "io.mqttguard.topic..",
                        "io.mqttguard.config..",
                        "io.mqttguard.identity..",
                        "io.mqttguard.audit.."))
                .or(valueType))
        .because("an adapter only translates between its broker and the facade");
  }

  @Test
  void theAdapterIsImported() {
    assertThat(ADAPTER.contain(MqttGuardMoquette.class)).isTrue();
  }

  @Test
  void adapter_usesOnlyTheFacadeTheBottomFloorAndTheValueTypesTheFacadeExposes() {
    translatesOnly("io.mqttguard.moquette", VALUE_TYPES).check(ADAPTER);
  }
}
