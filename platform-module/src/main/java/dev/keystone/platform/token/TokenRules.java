package dev.keystone.platform.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a token must satisfy besides its RS256 signature: the trusted issuer, the accepted
 * audiences, the clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}, and the longest
 * lifetime ({@code exp - iat}) accepted, so that a leaked token cannot be valid for years.
 *
 * @param issuer the one accepted {@code iss}
 * @param audiences accepted {@code aud} values; a token needs one of them
 * @param clockSkew tolerated difference between the issuer's clock and ours, each way
 * @param maxLifetime the longest {@code exp - iat} accepted
 */
public record TokenRules(
    String issuer, Set<String> audiences, Duration clockSkew, Duration maxLifetime) {

  /** Tolerated clock difference unless configured otherwise. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** The longest token lifetime accepted unless configured otherwise. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /**
   * Longer tokens are refused before any parsing: a token of Keystone's claims is well under 1 KB,
   * and a size cap keeps hostile input away from the JSON parser and the RSA check.
   */
  public static final int MAX_TOKEN_CHARS = 8192;

  public TokenRules {
    Objects.requireNonNull(issuer, "issuer");
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("the issuer is blank");
    }
    audiences = Set.copyOf(audiences);
    if (audiences.isEmpty()) {
      throw new IllegalArgumentException("no audience is accepted");
    }
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("the clock skew is negative: " + clockSkew);
    }
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException("the maximum lifetime is not positive: " + maxLifetime);
    }
  }

  /** The rules with the default clock skew and maximum lifetime. */
  public static TokenRules of(String issuer, Set<String> audiences) {
    return new TokenRules(issuer, audiences, DEFAULT_CLOCK_SKEW, DEFAULT_MAX_LIFETIME);
  }
}
