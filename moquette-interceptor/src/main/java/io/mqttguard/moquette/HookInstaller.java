package io.mqttguard.moquette;

import io.mqttguard.guard.Guard;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sharable handler Moquette adds to every new connection pipeline (in the slot right before its
 * {@code "handler"}); it immediately replaces itself with a fresh {@link ConnectionGuard} named
 * {@value #HOOK_NAME}, naming the listener from the pipeline's shape.
 *
 * <p>Thread-safe (stateless apart from a counter).
 */
@ChannelHandler.Sharable
final class HookInstaller extends ChannelInboundHandlerAdapter {
  static final String HOOK_NAME = "mqttguard";

  /** Listener names used in {@code guard.json} for Moquette's four transports. */
  static final String TCP = "tcp";

  static final String TLS = "tls";
  static final String WEBSOCKET = "websocket";
  static final String WEBSOCKET_TLS = "websocket-tls";

  private final Guard guard;
  private final LiveConnections live;
  private final AdapterAudit audit;
  private final Wills wills;
  private final PeerErrors peerErrors;
  private final int maxRemainingLength;
  private final AtomicLong installs = new AtomicLong();

  HookInstaller(Guard guard, LiveConnections live, AdapterAudit audit, Wills wills) {
    this(guard, live, audit, wills, new PeerErrors(java.time.Clock.systemUTC()), 65536);
  }

  /**
   * @param maxRemainingLength Moquette's {@code netty.mqtt.message_size}: larger packets are
   *     refused by a {@link PacketSizeLimit} in front of its decoder as soon as their fixed header
   *     is read
   */
  HookInstaller(
      Guard guard,
      LiveConnections live,
      AdapterAudit audit,
      Wills wills,
      PeerErrors peerErrors,
      int maxRemainingLength) {
    this.guard = guard;
    this.live = live;
    this.audit = audit;
    this.wills = wills;
    this.peerErrors = peerErrors;
    this.maxRemainingLength = maxRemainingLength;
  }

  /** How many connection pipelines got a {@link ConnectionGuard}. */
  long installs() {
    return installs.get();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    String listener = listenerOf(ctx);
    ctx.pipeline()
        .replace(
            this, HOOK_NAME, new ConnectionGuard(guard, live, audit, wills, listener, peerErrors));
    if (ctx.pipeline().get("decoder") == null) {
      var unused = ctx.channel().close(); // fail closed: no decoder to guard
      return;
    }
    ctx.pipeline()
        .addBefore(
            "decoder",
            PacketSizeLimit.NAME,
            new PacketSizeLimit(maxRemainingLength, peerErrors, listener));
    installs.incrementAndGet();
  }

  private static String listenerOf(ChannelHandlerContext ctx) {
    boolean tls = ctx.pipeline().get(SslHandler.class) != null;
    boolean ws = ctx.pipeline().get("webSocketHandler") != null;
    if (ws) {
      return tls ? WEBSOCKET_TLS : WEBSOCKET;
    }
    return tls ? TLS : TCP;
  }
}
