package dev.keystone.web.gateway.auth;

import dev.keystone.platform.token.TokenAuthority;
import dev.keystone.platform.token.TokenRefused;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Establishes who is calling from the {@code Authorization: Bearer} token, without refusing
 * anything yet: the rate limiter needs the caller (or the anonymous address) first, so that floods
 * of bad tokens are limited too. The token is checked by platform-module's {@link TokenAuthority},
 * the same verifier as the consumers WAR's; {@link AuthorizationFilter} turns a refusal into the
 * 401 (or 503 without a usable key) and a role that does not open the route into the 403.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

  /** Request property holding the {@link TokenRefused} when authentication failed. */
  static final String REFUSAL = "keystone.auth.refusal";

  @Inject TokenAuthority authority;
  @Inject CallerIdentity identity;

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      var token = authority.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
      var caller = new Caller(token.subject(), token.name(), token.groups());
      identity.set(caller);
      request.setSecurityContext(securityContext(caller, request.getSecurityContext()));
    } catch (TokenRefused e) {
      request.setProperty(REFUSAL, e);
    }
  }

  private static SecurityContext securityContext(Caller caller, SecurityContext original) {
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return caller;
      }

      @Override
      public boolean isUserInRole(String role) {
        return caller.hasRole(role);
      }

      @Override
      public boolean isSecure() {
        return original != null && original.isSecure();
      }

      @Override
      public String getAuthenticationScheme() {
        return "Bearer";
      }
    };
  }
}
