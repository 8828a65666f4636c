package io.mqttguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The floors of the core ({@code docs/architecture.md}), checked on the compiled main classes of
 * {@code common} with ArchUnit (which reads the class files, so a dependency through a field type,
 * a method signature, a cast or a method call counts, not only an {@code import} line):
 *
 * <ul>
 *   <li>bottom: {@code topic}, {@code config}, {@code identity}, {@code audit} depend on nothing of
 *       ours above them (on each other they may);
 *   <li>middle: {@code acl}, {@code auth}, {@code payload} depend only on the bottom floor, never
 *       on each other nor on {@code guard};
 *   <li>top: {@code guard}, the facade, on which nothing in the core depends;
 *   <li>beside them: {@code envelope} (module {@code clients/java}), the wire-format library, used
 *       only by {@code payload}; it depends on nothing of ours and on no library but the JDK;
 *   <li>no broker API ({@code com.hivemq}, {@code io.moquette}, {@code io.netty}), no adapter and
 *       no CLI class is used anywhere in the core.
 * </ul>
 *
 * The adapters' own rule (they use {@code guard} and the value types it exposes) is checked in each
 * adapter module ({@code io.mqttguard.hivemq.ArchitectureTest}, {@code
 * io.mqttguard.moquette.ArchitectureTest}).
 */
class ArchitectureTest {
  static final String[] BOTTOM = {
    "io.mqttguard.topic..",
    "io.mqttguard.config..",
    "io.mqttguard.identity..",
    "io.mqttguard.audit.."
  };

  /** The shared test helpers (module test-support) are on the test classpath, not in the core. */
  private static final ImportOption NOT_TEST_SUPPORT =
      location -> !location.contains("/io/mqttguard/testsupport/");

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(NOT_TEST_SUPPORT)
          .importPackages("io.mqttguard");

  /** The floors as ArchUnit layers, considering only dependencies on our own classes. */
  static ArchRule floors() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("io.mqttguard..")
        .layer("bottom")
        .definedBy(BOTTOM)
        .layer("acl")
        .definedBy("io.mqttguard.acl..")
        .layer("auth")
        .definedBy("io.mqttguard.auth..")
        .layer("payload")
        .definedBy("io.mqttguard.payload..")
        .layer("guard")
        .definedBy("io.mqttguard.guard..")
        .layer("envelope")
        .definedBy("io.mqttguard.envelope..")
        .layer("tools")
        .definedBy("io.mqttguard.policytest..")
        .whereLayer("tools")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("guard")
        .mayOnlyBeAccessedByLayers("tools")
        .whereLayer("acl")
        .mayOnlyBeAccessedByLayers("guard", "tools")
        .whereLayer("auth")
        .mayOnlyBeAccessedByLayers("guard", "tools")
        .whereLayer("payload")
        .mayOnlyBeAccessedByLayers("guard", "tools")
        .whereLayer("bottom")
        .mayOnlyBeAccessedByLayers("acl", "auth", "payload", "guard", "tools")
        .whereLayer("envelope")
        .mayOnlyBeAccessedByLayers("payload", "tools")
        .because(
            "the core has three floors: topic/config/identity/audit, acl/auth/payload, guard;"
                + " operator tools (policytest) sit on top and nothing in the core uses them");
  }

  /** No class of the core uses a broker's API, an adapter or the CLI. */
  static ArchRule brokerAndCliFree() {
    return noClasses()
        .that()
        .resideInAPackage("io.mqttguard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.hivemq..",
            "io.moquette..",
            "io.netty..",
            "io.mqttguard.cli..",
            "io.mqttguard.hivemq..",
            "io.mqttguard.moquette..")
        .because("the core must run under any broker and be usable without the CLI");
  }

  @Test
  void theCoreIsImported() {
    // guards against a vacuous pass: the rules below must see the real classes
    assertThat(CORE.containPackage("io.mqttguard.guard")).isTrue();
    assertThat(CORE.containPackage("io.mqttguard.topic")).isTrue();
    assertThat(CORE.size()).isGreaterThan(100);
  }

  @Test
  void floors_eachDependsOnlyOnTheFloorsBelow_andTheMiddleOnesNeverOnEachOther() {
    floors().check(CORE);
  }

  @Test
  void core_dependsOnNoBrokerApiAdapterOrCli() {
    brokerAndCliFree().check(CORE);
  }

  @Test
  void floors_failOnTheBottomFloorUsingTheMiddleOne_orOneMiddlePackageUsingAnother()
      throws Exception {
    for (String fixture :
        new String[] {
          "io.mqttguard.topic.FloorViolationFixture", "io.mqttguard.acl.MiddleFloorViolationFixture"
        }) {
      JavaClasses withViolation = new ClassFileImporter().importClasses(Class.forName(fixture));
      assertThat(floors().evaluate(withViolation).hasViolation()).as(fixture).isTrue();
    }
  }

  @Test
  void envelope_theWireFormatLibrary_dependsOnNothingOfOursAndOnlyOnTheJdk() {
    assertThat(CORE.containPackage("io.mqttguard.envelope")).isTrue();
    noClasses()
        .that()
        .resideInAPackage("io.mqttguard.envelope..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..",
            "javax..",
            "io.mqttguard.envelope..",
            // compile-time annotations only (scope provided): not needed at runtime
            "org.jspecify..",
            "com.google.errorprone.annotations..")
        .because("devices use the envelope library alone: JDK only at runtime")
        .check(CORE);
  }
}
