package io.mqttguard.hivemq;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Minimal fakes of HiveMQ SDK interfaces for adapter unit tests, by method name. */
final class Fakes {
  private Fakes() {}

  /**
   * An implementation of {@code type} that answers each method named in {@code answers} (given the
   * call's arguments) and throws {@link UnsupportedOperationException} for any other.
   */
  static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
    Object fake =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              Function<Object[], Object> answer = answers.get(method.getName());
              if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
              }
              if (method.getName().equals("toString")) {
                return "fake " + type.getSimpleName();
              }
              throw new UnsupportedOperationException(
                  type.getSimpleName() + "." + method.getName());
            });
    return type.cast(fake);
  }
}
