package io.mqttguard.it.container;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away test PKI: one CA, a server certificate for {@code localhost}/{@code 127.0.0.1} and
 * client certificates on demand. Uses BouncyCastle's builder API with JDK keys (BouncyCastle is not
 * registered as a JCA provider). Files are written as PKCS#12 (for HiveMQ and Java clients) and PEM
 * (for mosquitto clients).
 */
final class TestPki {
  static final char[] PASSWORD = "ks-Pass-5e1b9c".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final Path dir;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final X500Name caName;

  /** A client certificate with its key, and PEM files of both. */
  record Client(X509Certificate cert, PrivateKey key, Path certPem, Path keyPem) {}

  TestPki(Path dir) throws Exception {
    this.dir = Files.createDirectories(dir);
    this.caKeys = ecKeys();
    X500Name caName = name("CN=MQTT Guard Test CA,O=MQTT Guard Tests");
    this.caName = caName;
    this.ca = sign(caName, caName, caKeys.getPublic(), caKeys.getPrivate(), true, null);
    writePem(dir.resolve("ca.pem"), ca);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    try (OutputStream out = Files.newOutputStream(truststore())) {
      trust.store(out, PASSWORD);
    }
    KeyPair serverKeys = ecKeys();
    X509Certificate server =
        sign(
            name("CN=localhost,O=MQTT Guard Tests"),
            caName,
            serverKeys.getPublic(),
            caKeys.getPrivate(),
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, new Certificate[] {server, ca});
    try (OutputStream out = Files.newOutputStream(serverKeystore())) {
      ks.store(out, PASSWORD);
    }
  }

  Path serverKeystore() {
    return dir.resolve("server.p12");
  }

  Path truststore() {
    return dir.resolve("truststore.p12");
  }

  Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** Issues a client certificate with the given subject (e.g. {@code CN=dev-1,OU=sensors}). */
  Client client(String subject) throws Exception {
    KeyPair keys = ecKeys();
    X509Certificate cert =
        sign(name(subject), caName, keys.getPublic(), caKeys.getPrivate(), false, null);
    String base = "client-" + SERIAL.incrementAndGet();
    Path certPem = dir.resolve(base + ".crt");
    Path keyPem = dir.resolve(base + ".key");
    writePem(certPem, cert);
    // PKCS#8 ("PRIVATE KEY"): BouncyCastle's traditional EC form omits the curve, OpenSSL needs it
    writePem(
        keyPem, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
    return new Client(cert, keys.getPrivate(), certPem, keyPem);
  }

  /** A DER CRL of the test CA revoking {@code revoked}. */
  byte[] crl(X509Certificate... revoked) throws Exception {
    Instant now = Instant.now();
    org.bouncycastle.cert.X509v2CRLBuilder b =
        new org.bouncycastle.cert.X509v2CRLBuilder(
            caName, Date.from(now.minus(Duration.ofMinutes(5))));
    b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
    for (X509Certificate c : revoked) {
      b.addCRLEntry(
          c.getSerialNumber(),
          Date.from(now.minus(Duration.ofMinutes(1))),
          org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
    }
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()))
        .getEncoded();
  }

  /** Trust managers trusting the test CA. */
  TrustManagerFactory trustManagers() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  /** Key managers presenting {@code client} (with the CA in its chain). */
  KeyManagerFactory keyManagers(Client client) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", client.key(), PASSWORD, new Certificate[] {client.cert(), ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    return kmf;
  }

  /** An RFC 2253 DN (most specific first, as {@code X500Principal.getName()} prints it). */
  private static X500Name name(String rfc2253) {
    return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc2253).getEncoded());
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(
      X500Name subject,
      X500Name issuer,
      java.security.PublicKey key,
      PrivateKey signer,
      boolean isCa,
      GeneralNames san)
      throws IOException, OperatorCreationException, GeneralSecurityException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(2))),
            subject,
            key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    if (san != null) {
      b.addExtension(Extension.subjectAlternativeName, false, san);
    }
    X509CertificateHolder holder =
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static void writePem(Path file, Object o) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(o);
    }
  }
}
