package dev.keystone.platform.token;

import dev.keystone.platform.token.TokenRefused.Reason;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The trust anchor of both WARs: the {@link TokenVerifier} built from MP Config, which server.xml
 * (and the consumers-only server's) feeds from the environment:
 *
 * <ul>
 *   <li>{@code mp.jwt.verify.publickey} or {@code mp.jwt.verify.publickey.location} ({@code
 *       KEYSTONE_JWT_PUBLIC_KEY}: a PEM file's path or the PEM itself);
 *   <li>{@code mp.jwt.verify.issuer} ({@code KEYSTONE_JWT_ISSUER}) and {@code
 *       mp.jwt.verify.audiences} ({@code KEYSTONE_JWT_AUDIENCE}, comma-separated);
 *   <li>{@code keystone.jwt.clock-skew-seconds} (default 60);
 *   <li>{@code keystone.auth.max-token-lifetime}, an ISO-8601 duration (default {@code PT24H});
 *   <li>{@code keystone.auth.token-cache-size}, how many verified tokens are remembered (default
 *       {@value VerifiedTokenCache#DEFAULT_CAPACITY}, 0: none; {@link VerifiedTokenCache}).
 * </ul>
 *
 * With no usable configuration it fails closed: every token is refused as {@link
 * Reason#UNAVAILABLE} (503) and the log says why.
 */
@ApplicationScoped
public class TokenAuthority {

  public static final String CLOCK_SKEW_SECONDS = "keystone.jwt.clock-skew-seconds";
  public static final String MAX_TOKEN_LIFETIME = "keystone.auth.max-token-lifetime";
  public static final String TOKEN_CACHE_SIZE = "keystone.auth.token-cache-size";

  private static final Logger LOG = Logger.getLogger(TokenAuthority.class.getName());
  private static final String BEARER = "Bearer ";

  private final Clock clock;
  private volatile VerifiedTokenCache verifier;
  private volatile String problem = "not configured yet";

  public TokenAuthority() {
    this(Clock.systemUTC());
  }

  TokenAuthority(Clock clock) {
    this.clock = clock;
  }

  @PostConstruct
  void configure() {
    Config config = ConfigProvider.getConfig();
    configure(name -> config.getOptionalValue(name, String.class));
  }

  /**
   * Builds the verifier from the settings {@code setting} looks up by MP Config name; on any error
   * logs it and stays unconfigured.
   */
  void configure(Function<String, Optional<String>> setting) {
    try {
      var key =
          PublicKeys.read(
              setting.apply("mp.jwt.verify.publickey").orElse(null),
              setting.apply("mp.jwt.verify.publickey.location").orElse(null));
      int cacheSize =
          setting
              .apply(TOKEN_CACHE_SIZE)
              .map(s -> Integer.parseInt(s.trim()))
              .orElse(VerifiedTokenCache.DEFAULT_CAPACITY);
      // a new key or new rules start with an empty cache: nothing verified under the old ones is
      // kept
      verifier = new VerifiedTokenCache(new TokenVerifier(key, rules(setting)), cacheSize);
      problem = null;
    } catch (RuntimeException | IOException | GeneralSecurityException e) {
      verifier = null;
      problem = "No usable token configuration (KEYSTONE_JWT_PUBLIC_KEY and keystone.jwt.*): " + e;
      LOG.log(Level.SEVERE, problem);
    }
  }

  static TokenRules rules(Function<String, Optional<String>> setting) {
    var issuer = required(setting, "mp.jwt.verify.issuer");
    Set<String> audiences =
        Arrays.stream(required(setting, "mp.jwt.verify.audiences").split(","))
            .map(String::trim)
            .filter(a -> !a.isEmpty())
            .collect(Collectors.toSet());
    var skew =
        setting
            .apply(CLOCK_SKEW_SECONDS)
            .map(s -> Duration.ofSeconds(Long.parseLong(s.trim())))
            .orElse(TokenRules.DEFAULT_CLOCK_SKEW);
    var maxLifetime =
        setting
            .apply(MAX_TOKEN_LIFETIME)
            .map(TokenAuthority::duration)
            .orElse(TokenRules.DEFAULT_MAX_LIFETIME);
    return new TokenRules(issuer, audiences, skew, maxLifetime);
  }

  private static String required(Function<String, Optional<String>> setting, String name) {
    return setting
        .apply(name)
        .orElseThrow(() -> new IllegalStateException(name + " is not configured"));
  }

  private static Duration duration(String iso) {
    try {
      return Duration.parse(iso.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          MAX_TOKEN_LIFETIME + " is not an ISO-8601 duration such as PT24H: " + iso, e);
    }
  }

  /** Whether tokens can be verified at all (a key, an issuer and an audience are configured). */
  public boolean configured() {
    return verifier != null;
  }

  /**
   * The claims of the bearer token in an {@code Authorization} header value.
   *
   * @param authorization the header's value; null or blank means no token was sent
   * @throws TokenRefused {@link Reason#NO_TOKEN}, {@link Reason#NOT_BEARER}, {@link
   *     Reason#UNAVAILABLE} without a usable key, or the rule the token broke
   */
  public VerifiedToken authenticate(String authorization) throws TokenRefused {
    if (authorization == null || authorization.isBlank()) {
      throw new TokenRefused(Reason.NO_TOKEN, "No bearer token was sent.");
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new TokenRefused(Reason.NOT_BEARER, "Only bearer tokens are accepted.");
    }
    return verify(authorization.substring(BEARER.length()).trim());
  }

  /**
   * The claims of a compact JWS, checked now.
   *
   * @throws TokenRefused {@link Reason#UNAVAILABLE} without a usable key, or the rule it broke
   */
  public VerifiedToken verify(String token) throws TokenRefused {
    var current = verifier;
    if (current == null) {
      LOG.fine(problem);
      throw new TokenRefused(Reason.UNAVAILABLE, "The server cannot verify tokens; see its log.");
    }
    return current.verify(token, clock.instant());
  }
}
