/**
 * JMH benchmarks of the security core. Run from the shaded jar ({@code java -jar
 * benchmarks/target/benchmarks.jar}); results and methodology are in {@code docs/benchmarks.md}.
 * Not {@code @NullMarked}: JMH state fields are initialized in {@code @Setup}, not constructors.
 */
@CheckReturnValue
package io.mqttguard.benchmarks;

import com.google.errorprone.annotations.CheckReturnValue;
