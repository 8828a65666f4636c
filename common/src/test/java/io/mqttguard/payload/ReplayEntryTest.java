package io.mqttguard.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What one replay cache entry tells apart, and how long it lives across a wrap of its expiry. */
class ReplayEntryTest {
  private static final long NOW = 1_800_000_000L;
  private static final ClientIdentity ANY = ClientIdentity.anonymous("p");
  private static final byte[] BASE = nonce(0x0123_4567_89AB_CDEFL, 0x7654_3210);

  private static byte[] nonce(long high, int low) {
    byte[] n = new byte[12];
    ByteBuffer.wrap(n).putLong(0, high).putInt(8, low);
    return n;
  }

  @Test
  void noncesDifferingInAnySingleBit_areDifferentEntries_andEachIsRefusedWhenRepeated() {
    ReplayCache cache = new ReplayCache(1_000, 60, 1, 5);
    assertThat(cache.firstSeen(1, BASE, 0, NOW, NOW)).isNull();
    for (int bit = 0; bit < 96; bit++) {
      byte[] n = BASE.clone();
      n[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(cache.firstSeen(1, n, 0, NOW, NOW)).as("bit %d", bit).isNull();
    }
    for (int bit = 0; bit < 96; bit++) {
      byte[] n = BASE.clone();
      n[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(cache.firstSeen(1, n, 0, NOW, NOW)).isEqualTo(RefusalReason.REPLAYED);
    }
    assertThat(cache.firstSeen(1, BASE, 0, NOW, NOW)).isEqualTo(RefusalReason.REPLAYED);
  }

  @Test
  void sameNonce_underOtherKeyIdsOrDiscriminators_isADifferentEntry() {
    ReplayCache cache = new ReplayCache(1_000, 60, 1, 5);
    for (int keyId : new int[] {1, 2, 3, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF}) {
      assertThat(cache.firstSeen(keyId, 0L, ANY, BASE, 0, NOW, NOW)).isNull();
      assertThat(cache.firstSeen(keyId, 77L, ANY, BASE, 0, NOW, NOW)).isNull();
    }
    assertThat(cache.firstSeen(0xFFFF_FFFF, 77L, ANY, BASE, 0, NOW, NOW))
        .isEqualTo(RefusalReason.REPLAYED);
  }

  @Test
  void entryExpiringAcrossA2To32SecondBoundary_isLiveUntilItsExpiry_thenForgotten() {
    long boundary = 1L << 32; // expiry seconds are stored modulo 2^32
    ReplayCache cache = new ReplayCache(16, 10, 1, 5);
    long ts = boundary - 3;
    assertThat(cache.firstSeen(1, BASE, 0, ts, ts)).isNull();
    for (long now = ts; now <= ts + 10; now++) {
      assertThat(cache.firstSeen(1, BASE, 0, ts, now))
          .as("now %d", now)
          .isEqualTo(RefusalReason.REPLAYED);
    }
    assertThat(cache.firstSeen(1, BASE, 0, ts, ts + 11)).isNull(); // expired: a new message
  }
}
