package io.mqttguard.moquette;

import io.moquette.broker.Server;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.lang.reflect.Field;
import java.util.Optional;

/**
 * Installs the {@link HookInstaller} into every future connection pipeline of a started Moquette
 * 0.17 server. Relies on two private fields of {@code NewNettyAcceptor} (reached through {@code
 * Server.acceptor}): {@code metrics}, the optional handler Moquette adds right before its MQTT
 * {@code "handler"} in every pipeline (TCP, TLS, WebSocket, secure WebSocket; NIO and epoll), and
 * {@code workerGroup}, used as a memory barrier so every I/O thread sees the new value. No Netty
 * internals are touched.
 *
 * <p>Any mismatch (other Moquette version, renamed field, metrics already in use) throws {@link
 * HookException}: the caller must then refuse to run the broker.
 */
final class PipelineHook {
  static final String SUPPORTED_MOQUETTE = "0.17";

  private PipelineHook() {}

  /** Thrown when the hook cannot be installed; the broker must not run unguarded. */
  static final class HookException extends Exception {
    private static final long serialVersionUID = 1L;

    HookException(String message, Throwable cause) {
      super(message, cause);
    }

    HookException(String message) {
      super(message);
    }
  }

  static void install(Server server, ChannelHandler installer) throws HookException {
    if (!SUPPORTED_MOQUETTE.equals(Server.MOQUETTE_VERSION)) {
      throw new HookException(
          "MQTT Guard supports Moquette "
              + SUPPORTED_MOQUETTE
              + " only, found "
              + Server.MOQUETTE_VERSION
              + "; the pipeline hook relies on its internals");
    }
    try {
      Object acceptor = read(server, Server.class, "acceptor");
      Object metrics = read(acceptor, acceptor.getClass(), "metrics");
      if (!(metrics instanceof Optional<?> current) || current.isPresent()) {
        throw new HookException(
            "Moquette's handler slot for metrics is in use (use_metrics=true?); "
                + "MQTT Guard needs it for its hook: turn Moquette metrics off");
      }
      field(acceptor.getClass(), "metrics").set(acceptor, Optional.of(installer));
      Object workers = read(acceptor, acceptor.getClass(), "workerGroup");
      if (!(workers instanceof EventLoopGroup group)) {
        throw new HookException("Moquette acceptor has no worker event loop group");
      }
      for (EventExecutor loop : group) {
        loop.submit(() -> {}).syncUninterruptibly(); // happens-before for every I/O thread
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new HookException(
          "cannot install the MQTT Guard pipeline hook into Moquette "
              + Server.MOQUETTE_VERSION
              + ": "
              + e,
          e);
    }
  }

  private static Object read(Object target, Class<?> type, String name)
      throws ReflectiveOperationException, HookException {
    Object value = field(type, name).get(target);
    if (value == null) {
      throw new HookException("Moquette field " + type.getName() + "." + name + " is null");
    }
    return value;
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
