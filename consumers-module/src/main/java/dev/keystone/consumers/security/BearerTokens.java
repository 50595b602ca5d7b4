package dev.keystone.consumers.security;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies a compact JWS bearer token to the gateway's contract (docs/security.md, "Tokens"): RS256
 * only (so {@code alg: none} and an HMAC signed with the public key are refused first), the
 * signature against the configured public key, then {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf} with a clock skew. The roles are the token's {@code groups}, as MicroProfile JWT
 * defines them. Stateless and thread-safe.
 */
public final class BearerTokens {

  /** Looked up once: {@code Json.createReader} looks the provider up on every call (slow). */
  private static final JsonProvider JSONP = JsonProvider.provider();

  /** Why a token was refused; the message is safe to show to the caller. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private static final int MAX_TOKEN_CHARS = 8192;

  private final RSAPublicKey key;
  private final String issuer;
  private final Set<String> audiences;
  private final Duration clockSkew;

  public BearerTokens(RSAPublicKey key, String issuer, Set<String> audiences, Duration skew) {
    this.key = key;
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.clockSkew = skew;
  }

  /**
   * The roles of a valid token.
   *
   * @throws Refused saying which check failed
   */
  public Set<String> roles(String token, Instant now) throws Refused {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new Refused("The token is too long.");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new Refused("The token is not a signed JWT.");
    }
    JsonObject header = json(parts[0]);
    if (!"RS256".equals(string(header, "alg")) || header.containsKey("crit")) {
      throw new Refused("The token's algorithm is not accepted (RS256 only).");
    }
    if (!signatureValid(parts[0] + "." + parts[1], decode(parts[2]))) {
      throw new Refused("The token's signature is not valid.");
    }
    JsonObject claims = json(parts[1]);
    if (!issuer.equals(string(claims, "iss"))) {
      throw new Refused("The token's issuer is not trusted.");
    }
    if (!audienceMatches(claims.get("aud"))) {
      throw new Refused("The token is not meant for this audience.");
    }
    if (!(claims.get("exp") instanceof JsonNumber exp)) {
      throw new Refused("The token has no expiry.");
    }
    if (!now.isBefore(Instant.ofEpochSecond(exp.longValue()).plus(clockSkew))) {
      throw new Refused("The token has expired.");
    }
    if (claims.containsKey("nbf")) {
      if (!(claims.get("nbf") instanceof JsonNumber nbf)) {
        throw new Refused("The token's nbf is not a number.");
      }
      if (now.plus(clockSkew).isBefore(Instant.ofEpochSecond(nbf.longValue()))) {
        throw new Refused("The token is not valid yet.");
      }
    }
    var subject = string(claims, "sub");
    if (subject == null || subject.isBlank()) {
      throw new Refused("The token has no subject.");
    }
    return groups(claims.get("groups"));
  }

  private boolean signatureValid(String signingInput, byte[] signature) {
    try {
      var rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private boolean audienceMatches(JsonValue aud) {
    if (aud instanceof JsonString one) {
      return audiences.contains(one.getString());
    }
    return aud != null
        && aud.getValueType() == JsonValue.ValueType.ARRAY
        && aud.asJsonArray().stream()
            .anyMatch(v -> v instanceof JsonString s && audiences.contains(s.getString()));
  }

  private static Set<String> groups(JsonValue value) {
    if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
      return Set.of();
    }
    return value.asJsonArray().stream()
        .filter(JsonString.class::isInstance)
        .map(v -> ((JsonString) v).getString())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static JsonObject json(String part) throws Refused {
    var text = new String(decode(part), StandardCharsets.UTF_8);
    try (var reader = JSONP.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new Refused("The token is not a signed JWT.");
    }
  }

  private static byte[] decode(String part) throws Refused {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new Refused("The token is not a signed JWT.");
    }
  }

  private static String string(JsonObject object, String name) {
    return object.get(name) instanceof JsonString s ? s.getString() : null;
  }
}
