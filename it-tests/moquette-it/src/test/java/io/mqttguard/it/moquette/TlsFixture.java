package io.mqttguard.it.moquette;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real test PKI (BouncyCastle builders over JDK providers; BouncyCastle is never registered): a
 * CA, a server certificate for 127.0.0.1 in a PKCS#12 key store for Moquette (which also trusts the
 * CA, as Moquette uses its key store as trust store), and client certificates on demand.
 */
final class TlsFixture {
  static final char[] PASSWORD = "changeit".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(100);

  final KeyPair caKeys;
  final X509Certificate ca;
  final Path serverKeyStore;

  TlsFixture(Path dir) throws Exception {
    caKeys = keys();
    X500Principal caName = new X500Principal("CN=Test Devices CA,O=MQTT Guard Tests");
    var b = builder(caName, caName, caKeys);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca = sign(b);
    KeyPair serverKeys = keys();
    var sb = builder(caName, new X500Principal("CN=localhost"), serverKeys);
    sb.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    X509Certificate server = sign(sb);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, new Certificate[] {server, ca});
    ks.setCertificateEntry("ca", ca);
    serverKeyStore = dir.resolve("server.p12");
    try (var out = Files.newOutputStream(serverKeyStore)) {
      ks.store(out, PASSWORD);
    }
  }

  /** Moquette properties for a TLS listener on a free port with client certificates required. */
  void configure(java.util.Properties p) {
    p.setProperty("ssl_port", "0");
    p.setProperty("jks_path", serverKeyStore.toString());
    p.setProperty("key_store_type", "pkcs12");
    p.setProperty("key_store_password", new String(PASSWORD));
    p.setProperty("key_manager_password", new String(PASSWORD));
    p.setProperty("need_client_auth", "true");
  }

  /** A client socket factory presenting a fresh certificate with subject {@code CN=<cn>}. */
  SSLSocketFactory client(String cn) throws Exception {
    KeyPair k = keys();
    X509Certificate leaf =
        sign(builder(ca.getSubjectX500Principal(), new X500Principal("CN=" + cn), k));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", k.getPrivate(), PASSWORD, new Certificate[] {leaf, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  private JcaX509v3CertificateBuilder builder(
      X500Principal issuer, X500Principal subject, KeyPair subjectKeys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))),
        subject,
        subjectKeys.getPublic());
  }

  private X509Certificate sign(JcaX509v3CertificateBuilder b) throws Exception {
    var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
