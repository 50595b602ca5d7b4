package dev.keystone.platform.problem;

import dev.keystone.platform.validation.StorableParameters;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Every refusal and failure of a JAX-RS application as {@code application/problem+json}: invalid
 * fields (400, one entry per field), malformed JSON (400), the runtime's own refusals (404, 405,
 * 415, ... with their status), an oversized body (413), an unreachable database (503 with {@code
 * Retry-After}) and anything else (500, logged, without internals). It also switches on {@link
 * StorableParameters}: a query or path parameter holding a control character is a 400 naming it.
 *
 * <p>A WAR switches the family on with one class, because JAX-RS discovers providers only in the
 * WAR itself and not in an EAR's {@code lib/}:
 *
 * <pre>{@code
 * @Provider
 * public class ProblemMapping extends ProblemMappers {}
 * }</pre>
 *
 * A WAR may add mappers for its own exceptions (more specific types win). The servlet container's
 * refusals before JAX-RS are answered by {@link ErrorPageServlet}, declared in the WAR's web.xml.
 */
public class ProblemMappers implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    context.register(ConstraintViolationMapper.class);
    context.register(JsonbExceptionMapper.class);
    context.register(WebApplicationExceptionMapper.class);
    context.register(UnexpectedExceptionMapper.class);
    context.register(StorableParameters.class);
    return true;
  }
}
