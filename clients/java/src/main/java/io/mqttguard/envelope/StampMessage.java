package io.mqttguard.envelope;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated message M of a stamp and its tag or signature:
 *
 * <pre>
 * M = header (15 bytes v1, 27 bytes v2) ‖ u16be(len(topic)) ‖ topic
 *     ‖ [v2, flag bit 0: u16be(len(clientId)) ‖ clientId] ‖ payload
 * </pre>
 *
 * The tag or signature sits right after the header, the payload after it. Stateless.
 */
final class StampMessage {
  private StampMessage() {}

  static byte[] hmac(
      Mac mac, SecretKeySpec key, byte[] stamp, int header, byte[] names, int payloadOffset)
      throws GeneralSecurityException {
    mac.init(key);
    mac.update(stamp, 0, header);
    mac.update(names);
    mac.update(stamp, payloadOffset, stamp.length - payloadOffset);
    return mac.doFinal();
  }

  static boolean hmacMatches(
      Mac mac, SecretKeySpec key, byte[] stamp, int header, byte[] names, int payloadOffset) {
    try {
      byte[] tag = hmac(mac, key, stamp, header, names, payloadOffset);
      byte[] given = java.util.Arrays.copyOfRange(stamp, header, header + tag.length);
      return MessageDigest.isEqual(tag, given);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static byte[] sign(
      Algorithm a,
      PrivateKey key,
      @Nullable SecureRandom random,
      byte[] stamp,
      int header,
      byte[] names,
      int payloadOffset)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance(a.jcaName);
    if (random != null) {
      s.initSign(key, random);
    } else {
      s.initSign(key);
    }
    feed(s, stamp, header, names, payloadOffset);
    byte[] sig = s.sign();
    if (sig.length != a.tagLength()) {
      throw new GeneralSecurityException("unexpected signature length");
    }
    return sig;
  }

  static boolean signatureMatches(
      Algorithm a, PublicKey key, byte[] stamp, int header, byte[] names, int payloadOffset) {
    try {
      Signature s = Signature.getInstance(a.jcaName);
      s.initVerify(key);
      feed(s, stamp, header, names, payloadOffset);
      return s.verify(stamp, header, a.tagLength());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static void feed(Signature s, byte[] stamp, int header, byte[] names, int payloadOffset)
      throws GeneralSecurityException {
    s.update(stamp, 0, header);
    s.update(names);
    s.update(stamp, payloadOffset, stamp.length - payloadOffset);
  }
}
