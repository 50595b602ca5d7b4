package dev.keystone.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks a bearer token as the gateway does (docs/security.md): RS256 only, the signature against
 * {@code mp.jwt.verify.publickey.location} (a PEM or its path), then the issuer, the audience and
 * the expiry. Without a usable key every token is refused.
 */
final class BenchTokens {

  private static final JsonProvider JSONP = JsonProvider.provider();

  private final PublicKey key;
  private final String issuer;
  private final Set<String> audiences;

  BenchTokens() {
    var config = ConfigProvider.getConfig();
    issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse("");
    audiences =
        Arrays.stream(
                config
                    .getOptionalValue("mp.jwt.verify.audiences", String.class)
                    .orElse("")
                    .split(","))
            .map(String::trim)
            .filter(a -> !a.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    PublicKey verifying;
    try {
      var location = config.getValue("mp.jwt.verify.publickey.location", String.class);
      var pem =
          location.contains("-----BEGIN")
              ? location
              : Files.readString(Path.of(location.replaceFirst("^file:", "")));
      var der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
      verifying = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (RuntimeException | IOException | GeneralSecurityException e) {
      verifying = null; // fails closed: valid() refuses everything
    }
    this.key = verifying;
  }

  boolean valid(String token) {
    var parts = token.split("\\.", -1);
    if (key == null || parts.length != 3) {
      return false;
    }
    try {
      if (!"RS256".equals(string(json(parts[0]), "alg"))) {
        return false;
      }
      var rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return false;
      }
      var claims = json(parts[1]);
      return issuer.equals(string(claims, "iss"))
          && audienceMatches(claims.get("aud"))
          && claims.get("exp") instanceof jakarta.json.JsonNumber exp
          && Instant.now().isBefore(Instant.ofEpochSecond(exp.longValue()));
    } catch (GeneralSecurityException | RuntimeException e) {
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

  private static JsonObject json(String part) {
    var text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    try (var reader = JSONP.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static String string(JsonObject object, String name) {
    return object.get(name) instanceof JsonString s ? s.getString() : null;
  }
}
