package dev.keystone.platform.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The JAX-RS runtime's own refusals (unknown path 404, wrong method 405, unsupported media type
 * 415, unparseable body 400) as problem+json, keeping their status.
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    var tooLarge = PayloadTooLarge.in(e);
    if (tooLarge != null) {
      return tooLarge.toResponse();
    }
    int status = e.getResponse().getStatus();
    var reason = Response.Status.fromStatusCode(status);
    var title = reason != null ? reason.getReasonPhrase() : "HTTP " + status;
    var detail = status >= 500 ? "The server could not handle the request." : e.getMessage();
    var problem = Problem.of(status, slug(title), title, detail).toResponse();
    e.getResponse().getHeaders().forEach((name, values) -> copy(problem, name, values));
    return problem;
  }

  private static void copy(Response target, String name, java.util.List<Object> values) {
    if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
      target.getHeaders().put(name, values);
    }
  }

  private static String slug(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
