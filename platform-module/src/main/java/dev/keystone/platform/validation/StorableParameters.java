package dev.keystone.platform.validation;

import dev.keystone.platform.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose decoded query or path parameters hold text that {@link StorableText}
 * refuses (a {@code %00} in {@code ?category=}, say) with a 400 naming the parameter, before any
 * resource runs: no parameter of either WAR can carry such text to PostgreSQL, a Redis key or a log
 * line. Bodies are checked field by field with {@code @StorableText}.
 */
public class StorableParameters implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    var uri = request.getUriInfo();
    var bad = firstBad("query parameter", uri.getQueryParameters(true));
    if (bad == null) {
      bad = firstBad("path segment", uri.getPathParameters(true));
    }
    if (bad != null) {
      request.abortWith(
          Problem.invalid(
                  "The request has invalid parameters.",
                  List.of(new Problem.FieldError(bad.getKey(), bad.getValue())))
              .toResponse());
    }
  }

  private static Map.Entry<String, String> firstBad(
      String kind, MultivaluedMap<String, String> parameters) {
    for (var entry : parameters.entrySet()) {
      for (var value : entry.getValue()) {
        int at = StorableTextValidator.firstProblem(value);
        if (at >= 0) {
          return Map.entry(
              entry.getKey(),
              "this "
                  + kind
                  + " must not contain control characters, bidirectional overrides or unpaired"
                  + " surrogates (found U+%04X at position %d)"
                      .formatted((int) value.charAt(at), at));
        }
      }
    }
    return null;
  }
}
