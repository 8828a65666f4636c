package io.mqttguard.moquette;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The per-connection hook, placed right in front of Moquette's {@code "handler"}. Inbound it
 * authenticates the CONNECT (off the I/O thread, reads paused), checks the will, and runs the
 * publish, payload and subscribe decisions before Moquette routes anything; outbound it confirms
 * the session on CONNACK and applies receive decisions to every delivery.
 *
 * <p>Not sharable: one instance per channel, only ever called on that channel's event loop. Any
 * failure closes the connection (fail closed).
 */
final class ConnectionGuard extends ChannelDuplexHandler {
  private enum Phase {
    AWAIT_CONNECT,
    AUTHENTICATING,
    AWAIT_CONNACK,
    ADMITTED,
    CLOSED
  }

  private static final int RESUME_CHECKS = 5000;

  private final Gate gate;
  private final LiveClients live;
  private final AdapterAudit audit;
  private final Wills wills;
  private final String listener;
  private final PeerErrors peerErrors;
  private final Acks acks = new Acks();
  private final ArrayDeque<Object> backlog = new ArrayDeque<>();
  private Phase phase = Phase.AWAIT_CONNECT;
  private @Nullable Connection connection;

  ConnectionGuard(
      Gate gate,
      LiveClients live,
      AdapterAudit audit,
      Wills wills,
      String listener,
      PeerErrors peerErrors) {
    this.peerErrors = peerErrors;
    this.gate = gate;
    this.live = live;
    this.audit = audit;
    this.wills = wills;
    this.listener = listener;
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
    if (phase == Phase.CLOSED) {
      ReferenceCountUtil.release(msg);
    } else if (phase == Phase.AUTHENTICATING || phase == Phase.AWAIT_CONNACK) {
      backlog.add(msg); // reads are paused; only what was already decoded lands here
    } else if (msg instanceof MqttMessage m && m.decoderResult().isFailure()) {
      undecodable(ctx, m);
    } else if (!(msg instanceof MqttMessage m)) {
      ctx.fireChannelRead(msg);
    } else if (phase == Phase.AWAIT_CONNECT) {
      if (msg instanceof MqttConnectMessage connect) {
        startAuthentication(ctx, connect);
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
    phase = Phase.CLOSED;
    peerErrors.closed(ctx.channel(), listener, "undecodable MQTT packet", cause);
    var unused = ctx.close();
  }

  /**
   * Failures raised in front of this hook (TLS handshake, decoder) end here with one rate-limited
   * line and the connection closed, instead of Moquette's ERROR stack trace per connection.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    phase = Phase.CLOSED;
    Connection c = connection;
    peerErrors.closed(
        ctx.channel(),
        listener,
        c == null ? "connection failed" : "connection of " + c.clientId() + " failed",
        cause);
    var unused = ctx.close();
  }

  private void admitted(ChannelHandlerContext ctx, MqttMessage m, Connection c) {
    if (m instanceof MqttConnectMessage) {
      ReferenceCountUtil.release(m);
      close(ctx, "protocol", c.clientId(), "second CONNECT");
    } else if (m instanceof MqttPublishMessage publish) {
      onPublish(ctx, publish, c);
    } else if (m instanceof MqttUnsubscribeMessage unsubscribe
        && !withinTopicLimits(unsubscribe, c)) {
      ReferenceCountUtil.release(m); // MQTT 3.1.1 has no UNSUBACK failure code
      close(ctx, "unsubscribe", c.clientId(), "topic filter beyond the topic limits");
    } else if (m instanceof MqttSubscribeMessage subscribe) {
      ctx.fireChannelRead(SubscribeRewrite.decide(subscribe, c));
    } else {
      if (m.fixedHeader().messageType() == MqttMessageType.DISCONNECT) {
        c.discardWill();
      }
      ctx.fireChannelRead(m);
    }
  }

  /**
   * Whether every filter of an UNSUBSCRIBE is within the topic limits (Moquette's subscription tree
   * recurses per level). SUBSCRIBE filters, PUBLISH and will topics are checked by the core's
   * subscribe and publish decisions.
   */
  private static boolean withinTopicLimits(MqttUnsubscribeMessage unsubscribe, Connection c) {
    for (String filter : unsubscribe.payload().topics()) {
      if (!c.session().withinTopicLimits("unsubscribe", filter)) {
        return false;
      }
    }
    return true;
  }

  private void startAuthentication(ChannelHandlerContext ctx, MqttConnectMessage connect) {
    int version = connect.variableHeader().version();
    if (version != 3 && version != 4) { // Moquette 0.17 speaks MQTT 3.1 and 3.1.1 only
      ReferenceCountUtil.release(connect);
      refuse(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
      return;
    }
    phase = Phase.AUTHENTICATING;
    ctx.channel().config().setAutoRead(false);
    var request = ConnectRewriter.toRequest(connect, ctx.channel(), listener);
    var unused =
        gate.connect(request)
            .whenComplete(
                (admission, failure) ->
                    ctx.executor()
                        .execute(
                            () -> {
                              try {
                                onAdmission(ctx, connect, admission, failure);
                              } catch (Throwable t) {
                                failClosed(ctx, "connect", t);
                              }
                            }));
  }

  private void onAdmission(
      ChannelHandlerContext ctx,
      MqttConnectMessage connect,
      Gate.@Nullable Admission admission,
      @Nullable Throwable failure) {
    String clientId = connect.payload().clientIdentifier();
    if (admission instanceof Gate.Admitted admitted && failure == null) {
      if (!ctx.channel().isActive() || phase == Phase.CLOSED) {
        admitted.session().disconnected(java.time.Duration.ZERO);
        ReferenceCountUtil.release(connect);
        return;
      }
      WillCheck.Result will = WillCheck.check(connect, admitted.session());
      if (will instanceof WillCheck.Denied denied) {
        admitted.session().disconnected(java.time.Duration.ZERO);
        ReferenceCountUtil.release(connect);
        audit.deny("will", clientId, "NOT_AUTHORIZED", denied.detail());
        refuse(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        return;
      }
      forwardConnect(ctx, connect, admitted.session(), ((WillCheck.Allowed) will).payload());
    } else {
      ReferenceCountUtil.release(connect);
      int code = admission instanceof Gate.Refused r ? r.mqtt311ReturnCode() : 3;
      if (failure != null) {
        audit.error("connect", clientId, failure);
      }
      refuse(ctx, MqttConnectReturnCode.valueOf((byte) code));
    }
  }

  private void forwardConnect(
      ChannelHandlerContext ctx,
      MqttConnectMessage connect,
      Gate.Session session,
      byte @Nullable [] willPayload) {
    String clientId = connect.payload().clientIdentifier();
    String principal = Principals.of(session.identity());
    Connection c =
        new Connection(
            clientId,
            ctx.channel(),
            session,
            connect.variableHeader().isCleanSession(),
            Wills.of(connect, willPayload));
    live.register(c);
    if (session.revoked()) { // revoked while authenticating: the revocation may not have seen c
      live.unregister(c);
      session.disconnected(java.time.Duration.ZERO);
      ReferenceCountUtil.release(connect);
      audit.deny("connect", clientId, "NOT_AUTHORIZED", "session revoked while connecting");
      refuse(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
      return;
    }
    connection = c;
    phase = Phase.AWAIT_CONNACK;
    MqttConnectMessage rewritten = ConnectRewriter.forMoquette(connect, principal);
    live.withHandoff(c, () -> ctx.fireChannelRead(rewritten));
  }

  /**
   * Moquette 0.17 marks a connection usable only in a listener of its CONNACK write, which then
   * adds its {@code "inflightResender"} handler; packets processed before that are answered by
   * dropping the connection. Reads resume, and packets that followed the CONNECT are replayed, only
   * once that handler is there (checked every millisecond, at most {@value #RESUME_CHECKS} times).
   */
  private void resumeWhenMoquetteConnected(ChannelHandlerContext ctx, int attempt) {
    if (!ctx.channel().isActive() || phase != Phase.AWAIT_CONNACK) {
      return;
    }
    if (ctx.pipeline().get("inflightResender") != null || attempt >= RESUME_CHECKS) {
      resumeAfterConnAck(ctx);
    } else {
      var unused =
          ctx.executor()
              .schedule(
                  () -> resumeWhenMoquetteConnected(ctx, attempt + 1),
                  1,
                  java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  private void resumeAfterConnAck(ChannelHandlerContext ctx) {
    if (phase != Phase.AWAIT_CONNACK) {
      return;
    }
    phase = Phase.ADMITTED;
    while (!backlog.isEmpty() && phase == Phase.ADMITTED) {
      channelRead(ctx, backlog.poll());
    }
    ctx.channel().config().setAutoRead(true);
  }

  private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish, Connection c) {
    String refusal = Publishes.inbound(ctx, publish, c);
    if (refusal != null) {
      close(ctx, "publish", c.clientId(), refusal);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    Connection c = connection;
    try {
      if (c != null && msg instanceof MqttConnAckMessage ack) {
        onConnAck(ack, c);
        resumeWhenMoquetteConnected(ctx, 0);
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

  private static void onConnAck(MqttConnAckMessage ack, Connection c) {
    if (ack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED
        && !c.confirmed()) {
      c.confirm();
      c.session().connected(c.cleanSession());
    }
  }

  /** Fails closed unless this hook sits directly in front of Moquette's MQTT handler. */
  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    java.util.List<String> names = ctx.pipeline().names();
    int at = names.indexOf(HookInstaller.HOOK_NAME);
    boolean placed = at >= 0 && at + 1 < names.size() && names.get(at + 1).equals("handler");
    ctx.fireChannelActive();
    if (!placed) {
      close(ctx, "connect", null, "hook not directly before Moquette's handler: " + names);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    phase = Phase.CLOSED;
    while (!backlog.isEmpty()) {
      ReferenceCountUtil.release(backlog.poll());
    }
    Connection c = connection;
    if (c != null) {
      wills.onConnectionLost(c, live); // before unregister: it checks for a takeover
      live.unregister(c);
      try {
        c.session().disconnected(SessionExpiry.of(c));
      } catch (Throwable t) {
        audit.error("disconnect", c.clientId(), t);
      }
    }
    ctx.fireChannelInactive();
  }

  private Connection requireConnection() {
    Connection c = connection;
    if (c == null) {
      throw new IllegalStateException("admitted without a connection");
    }
    return c;
  }

  private void refuse(ChannelHandlerContext ctx, MqttConnectReturnCode code) {
    phase = Phase.CLOSED;
    var unused =
        ctx.writeAndFlush(Acks.connAck(code))
            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
  }

  private void close(
      ChannelHandlerContext ctx, String event, @Nullable String clientId, String detail) {
    phase = Phase.CLOSED;
    audit.deny(event, clientId, "CONNECTION_CLOSED", detail);
    var unused = ctx.close();
  }

  private void failClosed(ChannelHandlerContext ctx, String event, Throwable t) {
    phase = Phase.CLOSED;
    Connection c = connection;
    audit.error(event, c == null ? null : c.clientId(), t);
    var unused = ctx.close();
  }
}
