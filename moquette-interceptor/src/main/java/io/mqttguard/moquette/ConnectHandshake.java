package io.mqttguard.moquette;

import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.ConnectOutcome;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.WillVerdict;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The CONNECT handshake of one hooked connection, as a state machine: {@code AWAIT_CONNECT} → (the
 * CONNECT is authenticated by the core off the I/O thread, reads paused) {@code AUTHENTICATING} →
 * (the core accepted the client and its will; the CONNECT, without the will, goes to Moquette)
 * {@code AWAIT_CONNACK} → (Moquette's CONNACK 0 and its connection set up) {@code ADMITTED}; any
 * refusal or failure → {@code CLOSED}. Packets decoded while reads are paused are held and replayed
 * once admitted.
 *
 * <p>Not thread-safe: only ever called on its channel's event loop (the core's answer is handed
 * back to it).
 */
final class ConnectHandshake {
  /** Where the connection stands. */
  enum Phase {
    AWAIT_CONNECT,
    AUTHENTICATING,
    AWAIT_CONNACK,
    ADMITTED,
    CLOSED
  }

  /** Reads one inbound message as the hook does (used to replay the held ones). */
  @FunctionalInterface
  interface Reader {
    void read(ChannelHandlerContext ctx, Object msg);
  }

  private static final int RESUME_CHECKS = 5000;

  private final Guard guard;
  private final LiveConnections live;
  private final AdapterAudit audit;
  private final String listener;
  private final ArrayDeque<Object> backlog = new ArrayDeque<>();
  private Phase phase = Phase.AWAIT_CONNECT;
  private @Nullable Connection connection;

  ConnectHandshake(Guard guard, LiveConnections live, AdapterAudit audit, String listener) {
    this.guard = guard;
    this.live = live;
    this.audit = audit;
    this.listener = listener;
  }

  Phase phase() {
    return phase;
  }

  /** The admitted connection, or null before the core admitted the client. */
  @Nullable Connection connection() {
    return connection;
  }

  /** Whether {@code msg} arrived while reads are paused; it is then held for replay. */
  boolean hold(Object msg) {
    if (phase != Phase.AUTHENTICATING && phase != Phase.AWAIT_CONNACK) {
      return false;
    }
    backlog.add(msg); // reads are paused; only what was already decoded lands here
    return true;
  }

  /** The connection is closed: releases what was held. */
  void closed() {
    phase = Phase.CLOSED;
    while (!backlog.isEmpty()) {
      ReferenceCountUtil.release(backlog.poll());
    }
  }

  /** Starts the core's authentication of {@code connect} (MQTT 3.1 and 3.1.1 only). */
  void start(ChannelHandlerContext ctx, MqttConnectMessage connect) {
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
        guard
            .connect(request)
            .whenComplete(
                (outcome, failure) ->
                    ctx.executor().execute(() -> decided(ctx, connect, outcome, failure)));
  }

  private void decided(
      ChannelHandlerContext ctx,
      MqttConnectMessage connect,
      @Nullable ConnectOutcome outcome,
      @Nullable Throwable failure) {
    try {
      onOutcome(ctx, connect, outcome, failure);
    } catch (Throwable t) {
      ReferenceCountUtil.safeRelease(connect);
      phase = Phase.CLOSED;
      audit.error("connect", connect.payload().clientIdentifier(), t);
      var unused = ctx.close();
    }
  }

  private void onOutcome(
      ChannelHandlerContext ctx,
      MqttConnectMessage connect,
      @Nullable ConnectOutcome outcome,
      @Nullable Throwable failure) {
    String clientId = connect.payload().clientIdentifier();
    if (!(outcome instanceof ConnectOutcome.Accepted accepted) || failure != null) {
      ReferenceCountUtil.release(connect);
      int code = outcome instanceof ConnectOutcome.Rejected r ? r.reason().mqtt311ReturnCode() : 3;
      if (failure != null) {
        audit.error("connect", clientId, failure);
      }
      refuse(ctx, MqttConnectReturnCode.valueOf((byte) code));
      return;
    }
    ClientSession session = accepted.session();
    if (!ctx.channel().isActive() || phase == Phase.CLOSED) {
      session.close(Duration.ZERO);
      ReferenceCountUtil.release(connect);
      return;
    }
    WillVerdict will = Wills.check(connect, session);
    if (will != null && !(will instanceof WillVerdict.Allowed)) {
      refuseAfterAdmission(ctx, connect, session, "will", will.auditDetail());
      return;
    }
    forward(ctx, connect, session, will);
  }

  private void forward(
      ChannelHandlerContext ctx,
      MqttConnectMessage connect,
      ClientSession session,
      @Nullable WillVerdict will) {
    String clientId = connect.payload().clientIdentifier();
    Connection c =
        new Connection(
            clientId,
            ctx.channel(),
            session,
            connect.variableHeader().isCleanSession(),
            will instanceof WillVerdict.Allowed allowed ? allowed.will() : null);
    live.register(c);
    if (session.revoked()) { // revoked while authenticating: the revocation may not have seen c
      live.unregister(c);
      refuseAfterAdmission(ctx, connect, session, "connect", "session revoked while connecting");
      return;
    }
    connection = c;
    phase = Phase.AWAIT_CONNACK;
    MqttConnectMessage rewritten =
        ConnectRewriter.forMoquette(connect, Principals.of(session.identity()));
    live.withHandoff(c, () -> ctx.fireChannelRead(rewritten));
  }

  private void refuseAfterAdmission(
      ChannelHandlerContext ctx,
      MqttConnectMessage connect,
      ClientSession session,
      String event,
      String detail) {
    session.close(Duration.ZERO);
    ReferenceCountUtil.release(connect);
    audit.deny(event, connect.payload().clientIdentifier(), "NOT_AUTHORIZED", detail);
    refuse(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
  }

  /**
   * Moquette's CONNACK passes the hook: a success confirms the session with the core, and reads
   * resume once Moquette marked the connection connected (see {@link
   * #resumeWhenMoquetteConnected}).
   */
  void onConnAck(ChannelHandlerContext ctx, MqttConnAckMessage ack, Reader reader) {
    Connection c = connection;
    if (c == null) {
      return;
    }
    if (ack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED
        && !c.confirmed()) {
      c.confirm();
      c.session().connected(c.cleanSession());
    }
    resumeWhenMoquetteConnected(ctx, reader, 0);
  }

  /**
   * Moquette 0.17 marks a connection usable only in a listener of its CONNACK write, which then
   * adds its {@code "inflightResender"} handler; packets processed before that are answered by
   * dropping the connection. Reads resume, and packets that followed the CONNECT are replayed, only
   * once that handler is there (checked every millisecond, at most {@value #RESUME_CHECKS} times).
   */
  private void resumeWhenMoquetteConnected(ChannelHandlerContext ctx, Reader reader, int attempt) {
    if (!ctx.channel().isActive() || phase != Phase.AWAIT_CONNACK) {
      return;
    }
    if (ctx.pipeline().get("inflightResender") != null || attempt >= RESUME_CHECKS) {
      resume(ctx, reader);
    } else {
      var unused =
          ctx.executor()
              .schedule(
                  () -> resumeWhenMoquetteConnected(ctx, reader, attempt + 1),
                  1,
                  TimeUnit.MILLISECONDS);
    }
  }

  private void resume(ChannelHandlerContext ctx, Reader reader) {
    phase = Phase.ADMITTED;
    while (!backlog.isEmpty() && phase == Phase.ADMITTED) {
      reader.read(ctx, backlog.poll());
    }
    ctx.channel().config().setAutoRead(true);
  }

  /** Answers the CONNECT with CONNACK {@code code} and closes the connection. */
  void refuse(ChannelHandlerContext ctx, MqttConnectReturnCode code) {
    phase = Phase.CLOSED;
    var unused = ctx.writeAndFlush(Acks.connAck(code)).addListener(ChannelFutureListener.CLOSE);
  }
}
