package dev.keystone.platform.token;

import dev.keystone.platform.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * Why a bearer token was refused: a {@link Reason} to branch on and a message that is safe to show
 * to the caller (it names the failed rule, never the token or the key).
 */
public final class TokenRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private static final String REALM = "Bearer realm=\"keystone\"";

  /** The rule a token broke; each is a 401, except {@link #UNAVAILABLE}. */
  public enum Reason {
    /** No {@code Authorization} header at all. */
    NO_TOKEN,
    /** An {@code Authorization} header of another scheme than {@code Bearer}. */
    NOT_BEARER,
    /** Longer than {@link TokenRules#MAX_TOKEN_CHARS}; refused before parsing. */
    TOO_LARGE,
    /** Not three base64url parts of JSON objects: garbage, truncated, padded. */
    MALFORMED,
    /** Any {@code alg} but RS256 ({@code none}, HS256, ...), or a {@code crit} header. */
    ALGORITHM,
    /** The RS256 signature does not verify against the configured public key. */
    SIGNATURE,
    /** A required claim ({@code iss}, {@code aud}, {@code sub}, {@code exp}, {@code iat}, ...). */
    MISSING_CLAIM,
    /** A claim of the wrong type or out of range. */
    INVALID_CLAIM,
    ISSUER,
    AUDIENCE,
    EXPIRED,
    NOT_YET_VALID,
    ISSUED_IN_FUTURE,
    /** {@code exp - iat} longer than the configured maximum lifetime. */
    TOO_LONG_LIVED,
    /** {@code groups} is not a non-empty array of role names. */
    GROUPS,
    /** The server has no usable key: it cannot verify any token (503; its log says why). */
    UNAVAILABLE
  }

  private final Reason reason;

  public TokenRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status of this refusal: 503 when tokens cannot be verified at all, else 401. */
  public int status() {
    return reason == Reason.UNAVAILABLE ? 503 : 401;
  }

  /**
   * The answer both WARs give: 503 problem+json without a usable key, otherwise 401 problem+json
   * with an RFC 6750 challenge ({@code error="invalid_token"} unless no token was sent at all).
   */
  public Response toResponse() {
    if (reason == Reason.UNAVAILABLE) {
      return Problem.authenticationUnavailable();
    }
    var response = Problem.unauthenticated(getMessage());
    var challenge =
        reason == Reason.NO_TOKEN
            ? REALM
            : REALM + ", error=\"invalid_token\", error_description=\"" + getMessage() + "\"";
    response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return response;
  }
}
