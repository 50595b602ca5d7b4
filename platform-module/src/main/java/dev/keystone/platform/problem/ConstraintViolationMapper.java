package dev.keystone.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;

/** Bean Validation failures: 400 with one entry per invalid field, in a stable order. */
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    var errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    return Problem.invalid("The request has invalid fields.", errors).toResponse();
  }

  /**
   * The property path below the method parameter, e.g. {@code price} rather than create.arg0, and
   * {@code lines[1].quantity} inside a list.
   */
  static String field(ConstraintViolation<?> violation) {
    var field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY
          || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
        if (node.isInIterable() && node.getIndex() != null && !field.isEmpty()) {
          field.append('[').append(node.getIndex()).append(']');
        }
        if (node.getKind() == ElementKind.PROPERTY) {
          field.append(field.isEmpty() ? "" : ".").append(node.getName());
        }
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }
}
