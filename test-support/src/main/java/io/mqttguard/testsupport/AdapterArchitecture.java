package io.mqttguard.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The rule every broker adapter's architecture test checks (docs/architecture.md): of MQTT Guard
 * the adapter uses the facade {@code io.mqttguard.guard}, the bottom floor ({@code topic}, {@code
 * config}, {@code identity}, {@code audit}) and, of {@code acl}/{@code auth}/{@code payload}, only
 * the listed value types the facade's API hands it (nested types included); never an engine, the
 * CLI or another adapter. Stateless.
 */
public final class AdapterArchitecture {
  private AdapterArchitecture() {}

  /** The rule for the adapter in {@code adapterPackage}, allowing {@code valueTypes}. */
  public static ArchRule translatesOnly(String adapterPackage, Set<String> valueTypes) {
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
}
