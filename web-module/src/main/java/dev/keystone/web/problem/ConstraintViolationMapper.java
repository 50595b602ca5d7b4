package dev.keystone.web.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.stream.StreamSupport;

/** Bean Validation failures: 400 with one entry per invalid field, in a stable order. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    var errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    return Problem.invalid("The request body has invalid fields.", errors).toResponse();
  }

  /** The property path below the method parameter, e.g. {@code price} rather than create.arg0. */
  private static String field(ConstraintViolation<?> violation) {
    return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
        .filter(node -> node.getKind() == ElementKind.PROPERTY)
        .map(Path.Node::getName)
        .reduce((a, b) -> a + "." + b)
        .orElse("body");
  }
}
