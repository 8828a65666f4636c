package io.mqttguard.guard;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A one-CA test PKI (BouncyCastle builders over JDK providers; never registered as provider). */
final class Pki {
  private final Instant now;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private long serial = 100;

  Pki(String caDn, Instant now) throws Exception {
    this.now = now;
    this.caKeys = keyPair();
    X500Principal name = new X500Principal(caDn);
    var b =
        new JcaX509v3CertificateBuilder(
            name, next(), from(-1), from(365), name, caKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    this.ca = sign(b);
  }

  /** A leaf valid from yesterday for {@code days} days after {@link #now}. */
  X509Certificate leaf(String subjectDn, int days) throws Exception {
    var b =
        new JcaX509v3CertificateBuilder(
            ca, next(), from(-1), from(days), new X500Principal(subjectDn), keyPair().getPublic());
    return sign(b);
  }

  List<X509Certificate> chain(X509Certificate leaf) {
    return List.of(leaf, ca);
  }

  /** A PEM CRL of this CA revoking {@code revoked}. */
  String crlPem(X509Certificate... revoked) throws Exception {
    var b = new JcaX509v2CRLBuilder(ca.getSubjectX500Principal(), Date.from(now));
    b.setNextUpdate(from(7));
    for (X509Certificate c : revoked) {
      b.addCRLEntry(c.getSerialNumber(), Date.from(now), CRLReason.keyCompromise);
    }
    var crl =
        new JcaX509CRLConverter()
            .getCRL(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    return "-----BEGIN X509 CRL-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(crl.getEncoded())
        + "\n-----END X509 CRL-----\n";
  }

  private X509Certificate sign(JcaX509v3CertificateBuilder b) throws Exception {
    var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private BigInteger next() {
    return BigInteger.valueOf(++serial);
  }

  private Date from(int days) {
    return Date.from(now.plus(Duration.ofDays(days)));
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
