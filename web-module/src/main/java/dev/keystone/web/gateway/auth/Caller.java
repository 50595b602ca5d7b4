package dev.keystone.web.gateway.auth;

import java.security.Principal;
import java.util.Set;

/**
 * Who is calling, as the gateway established it: an authenticated principal with roles, or
 * anonymous.
 *
 * @param subject the token's {@code sub} (a customer's id for the {@code customer} role); null when
 *     anonymous
 * @param name the principal's name
 * @param roles the roles from the token's {@code groups}
 */
public record Caller(String subject, String name, Set<String> roles) implements Principal {
  public static final String ADMIN = "admin";
  public static final String CUSTOMER = "customer";
  public static final Caller ANONYMOUS = new Caller(null, null, Set.of());

  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean authenticated() {
    return subject != null;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  @Override
  public String getName() {
    return name;
  }
}
