package io.mqttguard.moquette;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits in front of Moquette's MQTT decoder and follows the packet boundaries of the byte stream
 * without changing it: as soon as a fixed header announces a remaining length above the limit
 * (Moquette's {@code netty.mqtt.message_size}), or the remaining length is malformed (more than 4
 * bytes), the connection is closed. Netty's decoder would only check the size after the variable
 * header, and waits for it: a client sending just {@code 10 FF FF FF 7F} was closed by the idle
 * timeout only.
 *
 * <p>Not sharable: one per channel, called on its event loop only.
 */
final class PacketSizeLimit extends ChannelInboundHandlerAdapter {
  static final String NAME = "mqttguardPacketSize";

  private final int maxRemainingLength;
  private final PeerErrors errors;
  private final String listener;
  private boolean inLength;
  private int length;
  private int shift;
  private long bodyLeft;
  private boolean closed;

  PacketSizeLimit(int maxRemainingLength, PeerErrors errors, String listener) {
    this.maxRemainingLength = maxRemainingLength;
    this.errors = errors;
    this.listener = listener;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closed) {
      ReferenceCountUtil.release(msg);
    } else if (msg instanceof ByteBuf buf) {
      String refusal = scan(buf);
      if (refusal == null) {
        ctx.fireChannelRead(msg);
      } else {
        closed = true;
        ReferenceCountUtil.release(msg);
        errors.closed(ctx.channel(), listener, refusal, null);
        var unused = ctx.close();
      }
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  /** Advances over {@code buf}'s readable bytes; the reason to close, or null. */
  private @org.jspecify.annotations.Nullable String scan(ByteBuf buf) {
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    while (i < end) {
      if (bodyLeft > 0) {
        int skip = (int) Math.min(bodyLeft, end - i);
        i += skip;
        bodyLeft -= skip;
      } else if (!inLength) {
        i++; // packet type and flags: the decoder checks them
        inLength = true;
        length = 0;
        shift = 0;
      } else {
        int b = buf.getByte(i++);
        length |= (b & 0x7F) << shift;
        shift += 7;
        if (length > maxRemainingLength) {
          return "packet larger than " + maxRemainingLength + " bytes announced";
        }
        if ((b & 0x80) == 0) {
          bodyLeft = length;
          inLength = false;
        } else if (shift >= 28) {
          return "malformed remaining length";
        }
      }
    }
    return null;
  }
}
