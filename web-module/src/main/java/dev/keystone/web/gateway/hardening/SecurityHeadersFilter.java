package dev.keystone.web.gateway.hardening;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Security headers on every API answer, refusals included: no MIME sniffing, never framed, no
 * referrer, a CSP that allows nothing (the API serves JSON, never a page); {@code Cache-Control:
 * no-store} on errors so that no shared cache keeps a 401 or a problem; HSTS when the request came
 * over HTTPS.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class SecurityHeadersFilter implements ContainerResponseFilter {
  static final String HSTS = "max-age=31536000; includeSubDomains";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    var headers = response.getHeaders();
    headers.putSingle("X-Content-Type-Options", "nosniff");
    headers.putSingle("X-Frame-Options", "DENY");
    headers.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    headers.putSingle("Referrer-Policy", "no-referrer");
    if (response.getStatus() >= 400) {
      headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    if ("https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())) {
      headers.putSingle("Strict-Transport-Security", HSTS);
    }
  }
}
