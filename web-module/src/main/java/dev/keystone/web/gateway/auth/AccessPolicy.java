package dev.keystone.web.gateway.auth;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's route table of roles (docs/api.md): which roles may call which method and path
 * under {@code /api}. First match wins; a route that is not listed is admin-only, so a new resource
 * is closed until it is added here. Ownership ("only their own orders") is finer than a route and
 * is checked by the resource through {@link CallerIdentity}.
 */
public final class AccessPolicy {

  private record Rule(Set<String> methods, Pattern path, Set<String> roles) {}

  private static final Set<String> ANY = Set.of(Caller.ADMIN, Caller.CUSTOMER);
  private static final Set<String> ADMIN = Set.of(Caller.ADMIN);
  private static final Set<String> READS = Set.of("GET", "HEAD");

  private static final List<Rule> RULES =
      List.of(
          new Rule(READS, Pattern.compile("products(/[^/]+)?"), ANY),
          new Rule(READS, Pattern.compile("me"), ANY),
          new Rule(READS, Pattern.compile("customers/[^/]+"), ANY),
          new Rule(Set.of("POST"), Pattern.compile("orders"), ANY),
          new Rule(READS, Pattern.compile("orders/[^/]+"), ANY),
          new Rule(Set.of("POST"), Pattern.compile("orders/[^/]+/cancel"), ANY),
          // the operator's surfaces: admin only, listed so that no later rule can open them
          new Rule(READS, Pattern.compile("ops/summary"), ADMIN),
          new Rule(READS, Pattern.compile("ops/outbox/stuck"), ADMIN),
          new Rule(Set.of("POST"), Pattern.compile("ops/outbox/stuck/[^/]+/(retry|skip)"), ADMIN));

  private AccessPolicy() {}

  /**
   * Whether a caller with {@code roles} may send {@code method} to {@code path} (relative to {@code
   * /api}, with or without a leading slash, no query).
   */
  public static boolean allows(String method, String path, Set<String> roles) {
    var relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.endsWith("/")) {
      relative = relative.substring(0, relative.length() - 1);
    }
    for (var rule : RULES) {
      if (rule.methods().contains(method) && rule.path().matcher(relative).matches()) {
        return rule.roles().stream().anyMatch(roles::contains);
      }
    }
    return roles.containsAll(ADMIN);
  }
}
