package io.mqttguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away demo PKI for {@code serve}: a CA, a server certificate for {@code localhost} /
 * {@code 127.0.0.1} and one client certificate ({@code CN=demo-device}). Written once into {@code
 * <config>/tls/}; the CA key is not kept. Uses the BouncyCastle certificate builder with the JDK's
 * own providers for keys and signatures (BouncyCastle is never registered as a JCA provider).
 */
final class DemoPki {
  static final String DIR = "tls";
  static final String CA_DN = "CN=MQTT Guard Demo CA,O=MQTT Guard Demo";
  static final String CLIENT_CN = "demo-device";

  /** The demo keystores' password (demo material only; printed by serve). */
  static final String STORE_PASSWORD = "mqtt-guard-demo";

  /** Paths of the generated files. */
  record PkiFiles(
      Path caPem, Path serverKeystore, Path truststore, Path clientCert, Path clientKey) {}

  private DemoPki() {}

  static PkiFiles paths(Path configDir) {
    Path d = configDir.resolve(DIR);
    return new PkiFiles(
        d.resolve("ca.pem"),
        d.resolve("server.p12"),
        d.resolve("truststore.p12"),
        d.resolve("client.pem"),
        d.resolve("client.key"));
  }

  /**
   * Generates the PKI into {@code <configDir>/tls/}, creating each file new: an existing file is
   * never replaced (the caller generates only into an empty or absent folder).
   */
  static PkiFiles generate(Path configDir, Clock clock, SecureRandom random) {
    PkiFiles f = paths(configDir);
    try {
      Files.createDirectories(f.caPem().getParent());
      Instant now = clock.instant();
      KeyPair ca = keyPair(random);
      X500Principal caName = new X500Principal(CA_DN);
      X509Certificate caCert = caCertificate(ca, caName, now, random);
      KeyPair server = keyPair(random);
      X509Certificate serverCert =
          leaf(
              server,
              new X500Principal("CN=localhost,O=MQTT Guard Demo"),
              ca,
              caCert,
              now,
              random,
              true);
      KeyPair client = keyPair(random);
      X509Certificate clientCert =
          leaf(
              client,
              new X500Principal("CN=" + CLIENT_CN + ",O=MQTT Guard Demo"),
              ca,
              caCert,
              now,
              random,
              false);

      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "server",
          server.getPrivate(),
          STORE_PASSWORD.toCharArray(),
          new Certificate[] {serverCert, caCert});
      store(ks, f.serverKeystore());
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("demo-ca", caCert);
      store(ts, f.truststore());
      writeNew(f.caPem(), pem("CERTIFICATE", caCert.getEncoded()));
      writeNew(f.clientCert(), pem("CERTIFICATE", clientCert.getEncoded()));
      writeNew(f.clientKey(), pem("PRIVATE KEY", client.getPrivate().getEncoded()));
      return f;
    } catch (IOException e) {
      throw new CliException(
          "cannot write the demo PKI into " + f.caPem().getParent() + ": " + JsonFiles.describe(e),
          e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate the demo PKI", e);
    }
  }

  private static KeyPair keyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static X509Certificate caCertificate(
      KeyPair ca, X500Principal name, Instant now, SecureRandom random)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            serial(random),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            name,
            ca.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
    return sign(b, ca.getPrivate());
  }

  private static X509Certificate leaf(
      KeyPair key,
      X500Principal subject,
      KeyPair ca,
      X509Certificate caCert,
      Instant now,
      SecureRandom random,
      boolean server)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            caCert,
            serial(random),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            key.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    b.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
    b.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
    if (server) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    }
    return sign(b, ca.getPrivate());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).add(BigInteger.ONE);
  }

  private static void store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
      ks.store(out, STORE_PASSWORD.toCharArray());
    }
  }

  /** Writes a file that must not exist yet: the demo PKI never replaces a file. */
  private static void writeNew(Path file, byte[] content) throws IOException {
    Files.write(file, content, StandardOpenOption.CREATE_NEW);
  }

  static byte[] pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static List<String> describe(PkiFiles f) {
    return List.of(f.caPem().toString(), f.clientCert().toString(), f.clientKey().toString());
  }
}
