package dev.keystone.platform.token;

import dev.keystone.platform.token.TokenRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies a compact JWS bearer token, the same way for {@code /api} and {@code /consumers}
 * (docs/security.md, "Tokens"). In this order, the first failure refusing the token:
 *
 * <ol>
 *   <li>at most {@link TokenRules#MAX_TOKEN_CHARS} characters, before anything is parsed;
 *   <li>three non-empty base64url parts whose first two are JSON objects;
 *   <li>{@code alg} exactly {@code RS256} and no {@code crit}: {@code none}, HS256 (even keyed with
 *       the public key) and every other algorithm are refused before any key is used;
 *   <li>the RS256 signature against the configured public key;
 *   <li>{@code iss}, {@code aud}, {@code exp}, {@code iat}, {@code sub} and {@code groups} present
 *       and well-typed ({@code nbf} optional);
 *   <li>{@code iss} trusted, {@code aud} accepted;
 *   <li>not expired, not before {@code nbf}, {@code iat} not in the future (each with the clock
 *       skew);
 *   <li>{@code exp - iat} at most the maximum lifetime;
 *   <li>{@code groups} a non-empty array of role names.
 * </ol>
 *
 * Stateless and thread-safe; only JDK crypto and JSON-P.
 */
public final class TokenVerifier {

  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

  private final RSAPublicKey key;
  private final TokenRules rules;

  public TokenVerifier(RSAPublicKey key, TokenRules rules) {
    this.key = Objects.requireNonNull(key, "key");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public TokenRules rules() {
    return rules;
  }

  /**
   * The token's claims if it passes every rule at {@code now}.
   *
   * @param token the compact JWS, without the {@code Bearer} prefix; null is refused
   * @throws TokenRefused naming the first rule the token broke
   */
  public VerifiedToken verify(String token, Instant now) throws TokenRefused {
    if (token == null || token.isEmpty()) {
      throw new TokenRefused(Reason.MALFORMED, Claims.NOT_A_JWT);
    }
    if (token.length() > TokenRules.MAX_TOKEN_CHARS) {
      throw new TokenRefused(
          Reason.TOO_LARGE,
          "The token is too large (over " + TokenRules.MAX_TOKEN_CHARS + " characters).");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new TokenRefused(Reason.MALFORMED, Claims.NOT_A_JWT);
    }
    // Unpadded base64url only; the signature may be empty here (alg none), refused just below.
    if (!BASE64URL.matcher(parts[0]).matches()
        || !BASE64URL.matcher(parts[1]).matches()
        || !(parts[2].isEmpty() || BASE64URL.matcher(parts[2]).matches())) {
      throw new TokenRefused(Reason.MALFORMED, Claims.NOT_A_JWT);
    }
    var header = Claims.decode(parts[0]);
    if (!"RS256".equals(header.optionalString("alg").orElse(null)) || header.has("crit")) {
      throw new TokenRefused(
          Reason.ALGORITHM, "The token's algorithm is not accepted (RS256 only).");
    }
    if (!signatureValid(parts[0] + "." + parts[1], parts[2])) {
      throw new TokenRefused(Reason.SIGNATURE, "The token's signature is not valid.");
    }
    return checked(Claims.decode(parts[1]), now);
  }

  private VerifiedToken checked(Claims claims, Instant now) throws TokenRefused {
    var issuer = claims.requiredString("iss");
    var audiences = claims.audiences();
    var expiresAt = claims.requiredTime("exp");
    var issuedAt = claims.requiredTime("iat");
    var notBefore = claims.optionalTime("nbf");
    var subject = claims.requiredString("sub");
    if (!rules.issuer().equals(issuer)) {
      throw new TokenRefused(Reason.ISSUER, "The token's issuer is not trusted.");
    }
    if (audiences.stream().noneMatch(rules.audiences()::contains)) {
      throw new TokenRefused(Reason.AUDIENCE, "The token is not meant for this audience.");
    }
    var skew = rules.clockSkew();
    if (!now.isBefore(expiresAt.plus(skew))) {
      throw new TokenRefused(Reason.EXPIRED, "The token has expired.");
    }
    if (notBefore.isPresent() && now.plus(skew).isBefore(notBefore.get())) {
      throw new TokenRefused(Reason.NOT_YET_VALID, "The token is not valid yet.");
    }
    // A token "issued" in the future is forged or comes from a broken clock.
    if (now.plus(skew).isBefore(issuedAt)) {
      throw new TokenRefused(Reason.ISSUED_IN_FUTURE, "The token was issued in the future.");
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new TokenRefused(Reason.INVALID_CLAIM, "The token expires before it was issued.");
    }
    var lifetime = Duration.between(issuedAt, expiresAt);
    if (lifetime.compareTo(rules.maxLifetime()) > 0) {
      throw new TokenRefused(
          Reason.TOO_LONG_LIVED,
          "The token's lifetime is longer than the "
              + rules.maxLifetime().toSeconds()
              + " s allowed.");
    }
    var groups = claims.groups();
    var name =
        firstNonBlank(
            claims.optionalString("upn").orElse(null),
            claims.optionalString("preferred_username").orElse(null),
            subject);
    return new VerifiedToken(subject, name, groups, issuedAt, expiresAt);
  }

  private boolean signatureValid(String signingInput, String signature) {
    try {
      var rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(Base64.getUrlDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String firstNonBlank(String... values) {
    for (var value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    throw new IllegalStateException("the subject is checked non-blank before");
  }
}
