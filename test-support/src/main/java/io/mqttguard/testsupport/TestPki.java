package io.mqttguard.testsupport;

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
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
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
import org.jspecify.annotations.Nullable;

/**
 * A throw-away broker TLS PKI in a directory: one CA, a server certificate for {@code
 * localhost}/{@code 127.0.0.1} and client certificates on demand. Uses BouncyCastle's builder API
 * with JDK keys (BouncyCastle is not registered as a JCA provider). Files are written as PKCS#12
 * (for HiveMQ, Moquette and Java clients) and PEM (for mosquitto clients). The server key store
 * also holds the CA as a trusted entry, because Moquette uses its key store as trust store.
 * Certificates are valid from an hour ago for two days. Not thread-safe.
 */
public final class TestPki {
  /** The default password of the key stores ({@link #TestPki(Path)}). */
  public static final String DEFAULT_PASSWORD = "changeit";

  /** The CA's subject (and so the issuer of every certificate), RFC 2253. */
  public static final String CA_SUBJECT = "CN=MQTT Guard Test CA,O=MQTT Guard Tests";

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final Path dir;
  private final char[] password;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final X500Name caName;

  /** A client certificate with its key, and PEM files of both. */
  public record Client(X509Certificate cert, PrivateKey key, Path certPem, Path keyPem) {}

  /** Creates the PKI in {@code dir} (created if missing), key stores protected by "changeit". */
  public TestPki(Path dir) throws Exception {
    this(dir, DEFAULT_PASSWORD);
  }

  /**
   * Creates the PKI in {@code dir} (created if missing), key stores protected by {@code password}.
   */
  public TestPki(Path dir, String password) throws Exception {
    this.dir = Files.createDirectories(dir);
    this.password = password.toCharArray();
    this.caKeys = ecKeys();
    X500Name caName = name(CA_SUBJECT);
    this.caName = caName;
    this.ca = sign(caName, caName, caKeys.getPublic(), caKeys.getPrivate(), true, null);
    writePem(dir.resolve("ca.pem"), ca);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    try (OutputStream out = Files.newOutputStream(truststore())) {
      trust.store(out, this.password);
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
    ks.setKeyEntry(
        "server", serverKeys.getPrivate(), this.password, new Certificate[] {server, ca});
    ks.setCertificateEntry("ca", ca);
    try (OutputStream out = Files.newOutputStream(serverKeystore())) {
      ks.store(out, this.password);
    }
  }

  /** The password of all key stores written by this PKI. */
  public String password() {
    return new String(password);
  }

  /** The server key store (PKCS#12): the server key and chain, and the CA as trusted entry. */
  public Path serverKeystore() {
    return dir.resolve("server.p12");
  }

  /** A PKCS#12 trust store holding the CA only. */
  public Path truststore() {
    return dir.resolve("truststore.p12");
  }

  /** The CA certificate as PEM. */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** Issues a client certificate with the given subject (e.g. {@code CN=dev-1,OU=sensors}). */
  public Client client(String subject) throws Exception {
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
  public byte[] crl(X509Certificate... revoked) throws Exception {
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
  public TrustManagerFactory trustManagers() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  /** Key managers presenting {@code client} (with the CA in its chain). */
  public KeyManagerFactory keyManagers(Client client) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", client.key(), password, new Certificate[] {client.cert(), ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    return kmf;
  }

  /**
   * A TLS 1.3 client socket factory presenting a fresh certificate with subject {@code CN=<cn>} and
   * trusting the test CA (for Paho and raw sockets).
   */
  public SSLSocketFactory clientSocketFactory(String cn) throws Exception {
    Client client = client("CN=" + cn);
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(keyManagers(client).getKeyManagers(), trustManagers().getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  /**
   * Moquette 0.17 properties for a TLS listener on a free port using {@link #serverKeystore()} as
   * key and trust store, with client certificates required.
   */
  public void configureMoquetteTls(Properties p) {
    p.setProperty("ssl_port", "0");
    p.setProperty("jks_path", serverKeystore().toString());
    p.setProperty("key_store_type", "pkcs12");
    p.setProperty("key_store_password", password());
    p.setProperty("key_manager_password", password());
    p.setProperty("need_client_auth", "true");
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
      @Nullable GeneralNames san)
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
