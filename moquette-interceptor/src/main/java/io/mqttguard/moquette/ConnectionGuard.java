package io.mqttguard.moquette;

import io.mqttguard.guard.Guard;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The per-connection hook, placed right in front of Moquette's {@code "handler"}. Inbound it runs
 * the CONNECT handshake ({@link ConnectHandshake}: authentication and will by the core) and
 * translates every later packet into a core decision before Moquette routes anything ({@link
 * Publishes}, {@link Subscribes}); outbound it confirms the session on CONNACK and applies receive
 * decisions to every delivery.
 *
 * <p>Not sharable: one instance per channel, only ever called on that channel's event loop. Any
 * failure closes the connection (fail closed).
 */
final class ConnectionGuard extends ChannelDuplexHandler {
  private final LiveConnections live;
  private final AdapterAudit audit;
  private final Wills wills;
  private final String listener;
  private final PeerErrors peerErrors;
  private final Acks acks = new Acks();
  private final ConnectHandshake handshake;

  ConnectionGuard(
      Guard guard,
      LiveConnections live,
      AdapterAudit audit,
      Wills wills,
      String listener,
      PeerErrors peerErrors) {
    this.peerErrors = peerErrors;
    this.live = live;
    this.audit = audit;
    this.wills = wills;
    this.listener = listener;
    this.handshake = new ConnectHandshake(guard, live, audit, listener);
  }

  String listener() {
    return listener;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      read(ctx, msg);
    } catch (Throwable t) {
      ReferenceCountUtil.safeRelease(msg); // may already be released or forwarded
      failClosed(ctx, "inbound", t);
    }
  }

  private void read(ChannelHandlerContext ctx, Object msg) {
    ConnectHandshake.Phase phase = handshake.phase();
    if (phase == ConnectHandshake.Phase.CLOSED) {
      ReferenceCountUtil.release(msg);
    } else if (handshake.hold(msg)) {
      return; // replayed once admitted
    } else if (msg instanceof MqttMessage m && m.decoderResult().isFailure()) {
      undecodable(ctx, m);
    } else if (!(msg instanceof MqttMessage m)) {
      ctx.fireChannelRead(msg);
    } else if (phase == ConnectHandshake.Phase.AWAIT_CONNECT) {
      if (msg instanceof MqttConnectMessage connect) {
        handshake.start(ctx, connect);
      } else {
        ReferenceCountUtil.release(msg);
        close(ctx, "protocol", null, "first packet is not CONNECT");
      }
    } else {
      admitted(ctx, m, requireConnection());
    }
  }

  /**
   * Undecodable input is not passed on: Moquette would log an ERROR with a stack trace for each.
   * One rate-limited line instead, and the connection is closed.
   */
  private void undecodable(ChannelHandlerContext ctx, MqttMessage m) {
    Throwable cause = m.decoderResult().cause();
    ReferenceCountUtil.release(m);
    handshake.closed();
    peerErrors.closed(ctx.channel(), listener, "undecodable MQTT packet", cause);
    var unused = ctx.close();
  }

  /**
   * Failures raised in front of this hook (TLS handshake, decoder) end here with one rate-limited
   * line and the connection closed, instead of Moquette's ERROR stack trace per connection.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    handshake.closed();
    Connection c = handshake.connection();
    peerErrors.closed(
        ctx.channel(),
        listener,
        c == null ? "connection failed" : "connection of " + c.clientId() + " failed",
        cause);
    var unused = ctx.close();
  }

  /** One packet of an admitted connection: translated into a core decision, then forwarded. */
  private void admitted(ChannelHandlerContext ctx, MqttMessage m, Connection c) {
    if (m instanceof MqttConnectMessage) {
      ReferenceCountUtil.release(m);
      close(ctx, "protocol", c.clientId(), "second CONNECT");
    } else if (m instanceof MqttPublishMessage publish) {
      String refusal = Publishes.inbound(ctx, publish, c);
      if (refusal != null) {
        close(ctx, "publish", c.clientId(), refusal);
      }
    } else if (m instanceof MqttUnsubscribeMessage unsubscribe
        && !Subscribes.withinTopicLimits(unsubscribe, c)) {
      ReferenceCountUtil.release(m); // MQTT 3.1.1 has no UNSUBACK failure code
      close(ctx, "unsubscribe", c.clientId(), "topic filter beyond the topic limits");
    } else if (m instanceof MqttSubscribeMessage subscribe) {
      ctx.fireChannelRead(Subscribes.decide(subscribe, c));
    } else {
      if (m.fixedHeader().messageType() == MqttMessageType.DISCONNECT) {
        c.discardWill();
      }
      ctx.fireChannelRead(m);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    Connection c = handshake.connection();
    try {
      if (c != null && msg instanceof MqttConnAckMessage ack) {
        handshake.onConnAck(ctx, ack, this::channelRead);
      } else if (c != null
          && msg instanceof MqttPublishMessage publish
          && Publishes.suppressDelivery(ctx, publish, promise, c, acks)) {
        return;
      } else if (msg instanceof MqttMessage m
          && m.fixedHeader().messageType() == MqttMessageType.PUBREL
          && acks.swallowOutboundPubRel(ctx, m)) {
        ReferenceCountUtil.release(m);
        promise.trySuccess();
        return;
      }
    } catch (Throwable t) {
      ReferenceCountUtil.safeRelease(msg);
      promise.tryFailure(t);
      failClosed(ctx, "outbound", t);
      return;
    }
    var unused = ctx.write(msg, promise);
  }

  /** Fails closed unless this hook sits directly in front of Moquette's MQTT handler. */
  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    List<String> names = ctx.pipeline().names();
    int at = names.indexOf(HookInstaller.HOOK_NAME);
    boolean placed = at >= 0 && at + 1 < names.size() && names.get(at + 1).equals("handler");
    ctx.fireChannelActive();
    if (!placed) {
      close(ctx, "connect", null, "hook not directly before Moquette's handler: " + names);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    handshake.closed();
    Connection c = handshake.connection();
    if (c != null) {
      wills.onConnectionLost(c, live); // before unregister: it checks for a takeover
      live.unregister(c);
      try {
        c.session().close(SessionExpiry.of(c));
      } catch (Throwable t) {
        audit.error("disconnect", c.clientId(), t);
      }
    }
    ctx.fireChannelInactive();
  }

  private Connection requireConnection() {
    Connection c = handshake.connection();
    if (c == null) {
      throw new IllegalStateException("admitted without a connection");
    }
    return c;
  }

  private void close(
      ChannelHandlerContext ctx, String event, @Nullable String clientId, String detail) {
    handshake.closed();
    audit.deny(event, clientId, "CONNECTION_CLOSED", detail);
    var unused = ctx.close();
  }

  private void failClosed(ChannelHandlerContext ctx, String event, Throwable t) {
    handshake.closed();
    Connection c = handshake.connection();
    audit.error(event, c == null ? null : c.clientId(), t);
    var unused = ctx.close();
  }
}
