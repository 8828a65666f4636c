package io.mqttguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Device signing keys (Ed25519, ECDSA P-256) with the JDK's providers; PKCS#8 PEM files. */
final class SigningKeys {
  private SigningKeys() {}

  static KeyPair generate(String algorithm, SecureRandom random) {
    try {
      if (algorithm.equals("ED25519")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(255, random);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
    }
  }

  /** Writes {@code key} as PKCS#8 PEM, readable by the owner only, refusing to overwrite. */
  static void writePrivate(Path file, PrivateKey key) {
    if (Files.exists(file)) {
      throw new CliException(file + " already exists; not overwriting a private key");
    }
    byte[] pem = DemoPki.pem("PRIVATE KEY", key.getEncoded());
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: created with default permissions below
    } catch (IOException e) {
      throw new CliException("cannot create " + file + ": " + JsonFiles.describe(e), e);
    }
    JsonFiles.writeAtomically(file, pem);
  }

  /**
   * The {@code keys.json} algorithm of {@code key} read by {@link #readPrivate}: {@code ED25519} or
   * {@code ECDSA-P256}.
   */
  static String algorithm(PrivateKey key) {
    return key instanceof ECPrivateKey ? "ECDSA-P256" : "ED25519";
  }

  /** Reads a PKCS#8 PEM private key: Ed25519, or ECDSA on P-256. */
  static PrivateKey readPrivate(Path file) {
    String text = new String(JsonFiles.read(file), java.nio.charset.StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new CliException(file + ": expected a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
    }
    byte[] der =
        Base64.getMimeDecoder()
            .decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    for (String alg : new String[] {"Ed25519", "EC"}) {
      PrivateKey key;
      try {
        key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        continue; // try the next algorithm
      }
      if (key instanceof ECPrivateKey ec && !isP256(ec)) {
        throw new CliException(file + ": an ECDSA private key on another curve than P-256");
      }
      return key;
    }
    throw new CliException(file + ": not an Ed25519 or ECDSA P-256 private key");
  }

  private static boolean isP256(ECPrivateKey key) {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec p256 = p.getParameterSpec(ECParameterSpec.class);
      ECParameterSpec own = key.getParams();
      return own.getCurve().equals(p256.getCurve())
          && own.getGenerator().equals(p256.getGenerator())
          && own.getOrder().equals(p256.getOrder());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
