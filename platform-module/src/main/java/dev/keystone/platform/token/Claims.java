package dev.keystone.platform.token;

import dev.keystone.platform.token.TokenRefused.Reason;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of a token (its header or its claims) with typed, refusing getters: a claim that
 * is absent is {@link Reason#MISSING_CLAIM}, one of the wrong type {@link Reason#INVALID_CLAIM}.
 */
final class Claims {

  static final String NOT_A_JWT = "The token is not a signed JWT.";

  /**
   * Built once: the JSON-P factory methods look the provider up through the ServiceLoader on every
   * call, which costs more than the RSA check itself. Duplicate names are refused ({@code
   * KeyStrategy.NONE}): with two {@code iss}, which one was meant is a guess.
   */
  private static final JsonReaderFactory READERS =
      JsonProvider.provider()
          .createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

  /** The latest NumericDate accepted: 9999-12-31T23:59:59Z, so arithmetic never overflows. */
  private static final long LATEST_SECOND = 253_402_300_799L;

  private final JsonObject json;

  private Claims(JsonObject json) {
    this.json = json;
  }

  /** The JSON object in one base64url part of a compact JWS. */
  static Claims decode(String base64url) throws TokenRefused {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      throw new TokenRefused(Reason.MALFORMED, NOT_A_JWT);
    }
    var text = new String(bytes, StandardCharsets.UTF_8);
    try (var reader = READERS.createReader(new StringReader(text))) {
      return new Claims(reader.readObject());
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw new TokenRefused(Reason.MALFORMED, NOT_A_JWT);
    }
  }

  boolean has(String name) {
    return json.containsKey(name);
  }

  /** A string member, or empty when absent; present but not a string is refused. */
  Optional<String> optionalString(String name) throws TokenRefused {
    var value = json.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonString s) {
      return Optional.of(s.getString());
    }
    throw invalid(name, "is not a string");
  }

  /** A non-blank string member. */
  String requiredString(String name) throws TokenRefused {
    var value = optionalString(name).orElseThrow(() -> missing(name));
    if (value.isBlank()) {
      throw invalid(name, "is blank");
    }
    return value;
  }

  /** A NumericDate member (seconds since the epoch), or empty when absent. */
  Optional<Instant> optionalTime(String name) throws TokenRefused {
    var value = json.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonNumber number)) {
      throw invalid(name, "is not a number");
    }
    BigDecimal seconds = number.bigDecimalValue().setScale(0, RoundingMode.FLOOR);
    if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(LATEST_SECOND)) > 0) {
      throw invalid(name, "is out of range");
    }
    return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
  }

  Instant requiredTime(String name) throws TokenRefused {
    return optionalTime(name).orElseThrow(() -> missing(name));
  }

  /** {@code aud}: one string or an array of strings, as RFC 7519 allows. */
  Set<String> audiences() throws TokenRefused {
    var value = json.get("aud");
    if (value == null) {
      throw missing("aud");
    }
    if (value instanceof JsonString one) {
      return Set.of(one.getString());
    }
    return strings("aud", value);
  }

  /** {@code groups}: a non-empty array of non-blank role names. */
  Set<String> groups() throws TokenRefused {
    var value = json.get("groups");
    if (value == null) {
      throw missing("groups");
    }
    Set<String> groups;
    try {
      groups = strings("groups", value);
    } catch (TokenRefused e) {
      throw new TokenRefused(Reason.GROUPS, "The token's groups are not a list of role names.");
    }
    if (groups.isEmpty() || groups.stream().anyMatch(String::isBlank)) {
      throw new TokenRefused(Reason.GROUPS, "The token's groups are not a list of role names.");
    }
    return groups;
  }

  private static Set<String> strings(String name, JsonValue value) throws TokenRefused {
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw invalid(name, "is neither a string nor an array of strings");
    }
    var strings = new LinkedHashSet<String>();
    for (var element : value.asJsonArray()) {
      if (!(element instanceof JsonString s)) {
        throw invalid(name, "holds something other than strings");
      }
      strings.add(s.getString());
    }
    return strings;
  }

  private static TokenRefused missing(String name) {
    return new TokenRefused(Reason.MISSING_CLAIM, "The token has no " + name + " claim.");
  }

  private static TokenRefused invalid(String name, String why) {
    return new TokenRefused(Reason.INVALID_CLAIM, "The token's " + name + " claim " + why + ".");
  }
}
