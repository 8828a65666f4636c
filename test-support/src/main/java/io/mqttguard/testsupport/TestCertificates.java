package io.mqttguard.testsupport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * In-memory certificates and CRLs of one test CA, dated around a fixed instant (for unit tests of
 * certificate verification with a controlled clock). Built with BouncyCastle's builders over the
 * JDK's own JCA providers (BouncyCastle is never registered as a provider). Writes no files; for a
 * broker's TLS listener use {@link TestPki}. Thread-safe.
 */
public final class TestCertificates {
  private static final AtomicLong SERIALS = new AtomicLong(1000);

  /** A certificate with its key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  /** The CA, valid from a day before {@link #now} for a year. */
  public final Issued ca;

  /** The instant certificates and CRLs are dated around. */
  public final Instant now;

  /** A new CA named {@code caDn}. */
  public TestCertificates(String caDn, Instant now) throws Exception {
    this.now = now;
    KeyPair keys = keyPair();
    X500Principal name = new X500Principal(caDn);
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            name,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    this.ca = new Issued(sign(builder, keys), keys);
  }

  /** A fresh P-256 key pair. */
  public static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** A leaf valid from {@code notBefore} to {@code notAfter} with the given SANs. */
  public X509Certificate leaf(
      String subjectDn, Instant notBefore, Instant notAfter, GeneralName... sans) throws Exception {
    var b =
        new JcaX509v3CertificateBuilder(
            ca.certificate(),
            serial(),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Principal(subjectDn),
            keyPair().getPublic());
    if (sans.length > 0) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    }
    return sign(b, ca.keys());
  }

  /** A leaf valid from an hour before {@link #now} for 30 days. */
  public X509Certificate leaf(String subjectDn, GeneralName... sans) throws Exception {
    return leaf(subjectDn, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), sans);
  }

  /** A CRL of this CA revoking {@code revoked}. */
  public X509CRL crl(List<X509Certificate> revoked) throws Exception {
    X509v2CRLBuilder b =
        new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(), Date.from(now));
    b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
    for (X509Certificate c : revoked) {
      b.addCRLEntry(c.getSerialNumber(), Date.from(now), CRLReason.keyCompromise);
    }
    var holder =
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate()));
    return new JcaX509CRLConverter().getCRL(holder);
  }

  /** {@code crl} as PEM. */
  public static String pem(X509CRL crl) throws Exception {
    return "-----BEGIN X509 CRL-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(crl.getEncoded())
        + "\n-----END X509 CRL-----\n";
  }

  /** A PEM CRL of this CA revoking {@code revoked}. */
  public String crlPem(X509Certificate... revoked) throws Exception {
    return pem(crl(List.of(revoked)));
  }

  /** {@code leaf} followed by the CA certificate, as a client presents it. */
  public List<X509Certificate> chain(X509Certificate leaf) {
    return List.of(leaf, ca.certificate());
  }
}
