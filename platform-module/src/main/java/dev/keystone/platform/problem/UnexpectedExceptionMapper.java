package dev.keystone.platform.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A genuine fault: logged with its stack trace, answered as a 500 problem without internals. Bad
 * input must never end here; the other mappers catch it first.
 */
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    var tooLarge = PayloadTooLarge.in(e);
    if (tooLarge != null) {
      return tooLarge.toResponse();
    }
    var jsonb = cause(e, jakarta.json.bind.JsonbException.class);
    if (jsonb != null) {
      return new JsonbExceptionMapper().toResponse(jsonb);
    }
    if (DatabaseUnavailable.in(e)) {
      LOG.log(Level.WARNING, "Database unavailable: " + e);
      return DatabaseUnavailable.toResponse();
    }
    if (DatabaseBusy.in(e)) {
      LOG.log(Level.INFO, "Database busy: " + e);
      return DatabaseBusy.toResponse();
    }
    LOG.log(Level.SEVERE, "Unexpected failure", e);
    return Problem.of(500, "internal-error", "Internal error", "The server could not do that.")
        .toResponse();
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
