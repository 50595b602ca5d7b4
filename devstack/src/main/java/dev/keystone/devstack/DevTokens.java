package dev.keystone.devstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Mints RS256 bearer tokens for the local stack with the claims MicroProfile JWT defines ({@code
 * iss}, {@code aud}, {@code sub}, {@code upn}, {@code groups}, {@code exp}, {@code iat}, {@code
 * jti}). The role travels in {@code groups}; a customer's subject is the customer id. Tests use the
 * builder to forge the tokens the gateway must refuse (expired, wrong issuer, other key, {@code
 * alg: none}).
 */
public final class DevTokens {
  private final JwtKeys keys;

  public DevTokens(JwtKeys keys) {
    this.keys = keys;
  }

  /** A valid token for {@code role} and {@code subject}, good for one hour. */
  public String mint(String role, String subject) {
    return token(role, subject).sign();
  }

  /** A builder preset to a valid token, to change one thing in. */
  public Token token(String role, String subject) {
    return new Token(keys.privateKey(), role, subject);
  }

  /** One token being built; every setter returns {@code this}. */
  public static final class Token {
    private PrivateKey key;
    private String alg = "RS256";
    private final String role;
    private final String subject;
    private String issuer = JwtKeys.DEV_ISSUER;
    private String audience = JwtKeys.DEV_AUDIENCE;
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofHours(1);

    Token(PrivateKey key, String role, String subject) {
      this.key = key;
      this.role = role;
      this.subject = subject;
    }

    public Token issuer(String value) {
      this.issuer = value;
      return this;
    }

    public Token audience(String value) {
      this.audience = value;
      return this;
    }

    /** Issued at {@code when}, expiring {@code lifetime} later. */
    public Token issued(Instant when, Duration lifetime) {
      this.issuedAt = when;
      this.lifetime = lifetime;
      return this;
    }

    public Token signedWith(PrivateKey other) {
      this.key = other;
      return this;
    }

    /** An unsecured JWT ({@code alg: none}, empty signature), as an attacker would send it. */
    public Token unsigned() {
      this.alg = "none";
      return this;
    }

    public String sign() {
      String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
      long iat = issuedAt.getEpochSecond();
      String claims =
          "{\"iss\":%s,\"aud\":%s,\"sub\":%s,\"upn\":%s,\"groups\":[%s],\"iat\":%d,\"exp\":%d,\"jti\":%s}"
              .formatted(
                  quote(issuer),
                  quote(audience),
                  quote(subject),
                  quote(subject),
                  quote(role),
                  iat,
                  iat + lifetime.toSeconds(),
                  quote(UUID.randomUUID().toString()));
      String signingInput =
          base64(header.getBytes(StandardCharsets.UTF_8))
              + "."
              + base64(claims.getBytes(StandardCharsets.UTF_8));
      if ("none".equals(alg)) {
        return signingInput + ".";
      }
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64(rsa.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Cannot sign the token", e);
      }
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
