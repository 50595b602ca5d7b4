package dev.keystone.web.gateway.auth;

import jakarta.json.JsonException;
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
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies a compact JWS bearer token the way MicroProfile JWT prescribes: RS256 only (so {@code
 * alg: none} and HMAC confusion are refused before anything else), the signature against the
 * configured public key, then {@code iss}, {@code aud} and {@code exp}/{@code nbf}/{@code iat} with
 * a small clock skew. Stateless and thread-safe.
 */
public final class JwtVerifier {
  static final int MAX_TOKEN_CHARS = 8192;

  /**
   * Looked up once: {@code Json.createReader} and friends look the provider up through the
   * ServiceLoader on every call, which a profile showed costing more than the RSA check itself.
   */
  private static final JsonProvider JSONP = JsonProvider.provider();

  private final RSAPublicKey key;
  private final String issuer;
  private final Set<String> audiences;
  private final Duration clockSkew;

  public JwtVerifier(RSAPublicKey key, String issuer, Set<String> audiences, Duration clockSkew) {
    this.key = key;
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.clockSkew = clockSkew;
  }

  /** The token's claims, or {@link InvalidToken} saying which check failed. */
  public VerifiedToken verify(String token, Instant now) throws InvalidToken {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidToken("The token is too long.");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidToken("The token is not a signed JWT.");
    }
    JsonObject header = json(parts[0]);
    if (!"RS256".equals(string(header, "alg")) || header.containsKey("crit")) {
      throw new InvalidToken("The token's algorithm is not accepted (RS256 only).");
    }
    if (!signatureValid(parts)) {
      throw new InvalidToken("The token's signature is not valid.");
    }
    JsonObject claims = json(parts[1]);
    if (!issuer.equals(string(claims, "iss"))) {
      throw new InvalidToken("The token's issuer is not trusted.");
    }
    if (!audienceMatches(claims.get("aud"))) {
      throw new InvalidToken("The token is not meant for this audience.");
    }
    long exp = seconds(claims, "exp", "The token has no expiry.");
    if (!now.isBefore(Instant.ofEpochSecond(exp).plus(clockSkew))) {
      throw new InvalidToken("The token has expired.");
    }
    if (claims.containsKey("nbf")
        && now.plus(clockSkew).isBefore(Instant.ofEpochSecond(seconds(claims, "nbf", null)))) {
      throw new InvalidToken("The token is not valid yet.");
    }
    // A token "issued" in the future is forged or from a broken clock (found by the hostile
    // corpus).
    if (claims.containsKey("iat")
        && now.plus(clockSkew).isBefore(Instant.ofEpochSecond(seconds(claims, "iat", null)))) {
      throw new InvalidToken("The token was issued in the future.");
    }
    String subject = string(claims, "sub");
    if (subject == null || subject.isBlank()) {
      throw new InvalidToken("The token has no subject.");
    }
    String name = firstOf(string(claims, "upn"), string(claims, "preferred_username"), subject);
    return new VerifiedToken(subject, name, groups(claims.get("groups")));
  }

  private boolean signatureValid(String[] parts) throws InvalidToken {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(decode(parts[2]));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private boolean audienceMatches(JsonValue aud) {
    if (aud instanceof JsonString one) {
      return audiences.contains(one.getString());
    }
    if (aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY) {
      return aud.asJsonArray().stream()
          .anyMatch(v -> v instanceof JsonString s && audiences.contains(s.getString()));
    }
    return false;
  }

  private static Set<String> groups(JsonValue value) {
    var groups = new HashSet<String>();
    if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
      value.asJsonArray().forEach(v -> groups.add(v instanceof JsonString s ? s.getString() : ""));
    }
    groups.remove("");
    return Set.copyOf(groups);
  }

  private static JsonObject json(String part) throws InvalidToken {
    try (var reader =
        JSONP.createReader(new StringReader(new String(decode(part), StandardCharsets.UTF_8)))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidToken("The token is not a signed JWT.");
    }
  }

  private static byte[] decode(String part) throws InvalidToken {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new InvalidToken("The token is not a signed JWT.");
    }
  }

  private static String string(JsonObject object, String name) {
    return object.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private static long seconds(JsonObject object, String name, String missing) throws InvalidToken {
    if (object.get(name) instanceof jakarta.json.JsonNumber n) {
      return n.longValue();
    }
    throw new InvalidToken(missing != null ? missing : "The token's " + name + " is not a number.");
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
