package dev.keystone.web.gateway.auth;

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
 * of bad tokens are limited too. {@link AuthorizationFilter} turns a failure into the 401 or 403.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

  /** Request property holding the {@link InvalidToken} message when authentication failed. */
  static final String FAILURE = "keystone.auth.failure";

  static final String MISSING = "No bearer token was sent.";
  static final String UNCONFIGURED = "keystone.auth.unconfigured";

  @Inject TokenAuthority authority;
  @Inject CallerIdentity identity;

  @Override
  public void filter(ContainerRequestContext request) {
    var header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      request.setProperty(FAILURE, MISSING);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      request.setProperty(FAILURE, "Only bearer tokens are accepted.");
      return;
    }
    if (!authority.configured()) {
      request.setProperty(UNCONFIGURED, Boolean.TRUE);
      return;
    }
    try {
      var token = authority.verify(header.substring(7).trim());
      var caller = new Caller(token.subject(), token.name(), token.groups());
      identity.set(caller);
      request.setSecurityContext(securityContext(caller, request.getSecurityContext()));
    } catch (InvalidToken e) {
      request.setProperty(FAILURE, e.getMessage());
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
