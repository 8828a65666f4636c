/**
 * The {@code mqtt-guard} command line tool. Commands only parse flags, call the core in {@code
 * common} and print; they hold no security logic of their own.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.cli;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
