package dev.keystone.platform.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads the issuer's RSA public key the way {@code KEYSTONE_JWT_PUBLIC_KEY} gives it. */
final class PublicKeys {

  private PublicKeys() {}

  /**
   * The key from {@code mp.jwt.verify.publickey} (the PEM text) or, when that is null, from {@code
   * mp.jwt.verify.publickey.location}: a PEM file's path (optionally {@code file:}) or the PEM text
   * itself, since {@code KEYSTONE_JWT_PUBLIC_KEY} may hold either.
   */
  static RSAPublicKey read(String inline, String location)
      throws IOException, GeneralSecurityException {
    if (inline != null) {
      return parse(inline);
    }
    if (location == null || location.isBlank()) {
      throw new IllegalStateException("neither mp.jwt.verify.publickey nor .location is set");
    }
    if (location.contains("-----BEGIN")) {
      return parse(location);
    }
    var file = Path.of(location.replaceFirst("^file:", ""));
    return parse(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /** An X.509 SubjectPublicKeyInfo RSA key, as PEM or as its bare base64 body. */
  static RSAPublicKey parse(String pem) throws GeneralSecurityException {
    var base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      var der = Base64.getDecoder().decode(base64);
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the public key is not base64", e);
    }
  }
}
