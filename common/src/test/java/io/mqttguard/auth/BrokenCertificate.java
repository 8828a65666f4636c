package io.mqttguard.auth;

import java.math.BigInteger;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/** A certificate whose name accessors fail, as a malformed certificate's would. */
@SuppressWarnings("JavaUtilDate")
final class BrokenCertificate extends X509Certificate {
  private final X509Certificate inner;

  BrokenCertificate(X509Certificate inner) {
    this.inner = inner;
  }

  @Override
  public X500Principal getSubjectX500Principal() {
    throw new IllegalArgumentException("improperly specified input name");
  }

  @Override
  public X500Principal getIssuerX500Principal() {
    throw new IllegalArgumentException("improperly specified input name");
  }

  @Override
  public void checkValidity() {}

  @Override
  public void checkValidity(Date date) {}

  @Override
  public int getVersion() {
    return 3;
  }

  @Override
  public BigInteger getSerialNumber() {
    return inner.getSerialNumber();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Principal getIssuerDN() {
    throw new IllegalArgumentException("broken");
  }

  @Override
  @SuppressWarnings("deprecation")
  public Principal getSubjectDN() {
    throw new IllegalArgumentException("broken");
  }

  @Override
  public Date getNotBefore() {
    return inner.getNotBefore();
  }

  @Override
  public Date getNotAfter() {
    return inner.getNotAfter();
  }

  @Override
  public byte[] getTBSCertificate() {
    return new byte[0];
  }

  @Override
  public byte[] getSignature() {
    return new byte[0];
  }

  @Override
  public String getSigAlgName() {
    return "none";
  }

  @Override
  public String getSigAlgOID() {
    return "0.0";
  }

  @Override
  public byte @Nullable [] getSigAlgParams() {
    return null;
  }

  @Override
  public boolean @Nullable [] getIssuerUniqueID() {
    return null;
  }

  @Override
  public boolean @Nullable [] getSubjectUniqueID() {
    return null;
  }

  @Override
  public boolean @Nullable [] getKeyUsage() {
    return null;
  }

  @Override
  public int getBasicConstraints() {
    return -1;
  }

  @Override
  public byte[] getEncoded() {
    return new byte[] {0x30, 0x00};
  }

  @Override
  public void verify(PublicKey key) {}

  @Override
  public void verify(PublicKey key, String sigProvider) {}

  @Override
  public String toString() {
    return "BrokenCertificate";
  }

  @Override
  public PublicKey getPublicKey() {
    return inner.getPublicKey();
  }

  @Override
  public boolean hasUnsupportedCriticalExtension() {
    return false;
  }

  @Override
  public @Nullable Set<String> getCriticalExtensionOIDs() {
    return null;
  }

  @Override
  public @Nullable Set<String> getNonCriticalExtensionOIDs() {
    return null;
  }

  @Override
  public byte @Nullable [] getExtensionValue(String oid) {
    return null;
  }
}
