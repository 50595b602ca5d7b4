package dev.keystone.platform.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The claims of a token that passed every rule of {@link TokenVerifier}.
 *
 * @param subject {@code sub}: for a customer, the customer id; never blank
 * @param name the caller's name as MicroProfile JWT defines it ({@code upn}, else {@code
 *     preferred_username}, else {@code sub})
 * @param groups {@code groups}: the caller's roles, at least one
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record VerifiedToken(
    String subject, String name, Set<String> groups, Instant issuedAt, Instant expiresAt) {

  public VerifiedToken {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(name, "name");
    groups = Set.copyOf(groups);
  }
}
