/**
 * Loading of MQTT Guard configuration files: strict JSON parsing, validation against the published
 * JSON Schemas of module {@code acl-schemas}, and error reports that name the file and the JSON
 * pointer of every problem.
 *
 * <p>Conventions every loader follows: a file is parsed once into immutable typed records; all
 * problems of one file are collected into a single {@link io.mqttguard.config.ConfigException}; no
 * loader ever falls back to defaults or to a weaker policy.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.config;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
