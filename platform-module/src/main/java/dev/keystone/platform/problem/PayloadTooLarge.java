package dev.keystone.platform.problem;

import java.io.IOException;

/**
 * A request body passed the gateway's size cap while it was being read. An {@code IOException}
 * because it surfaces from the body's stream; the mappers find it in any cause chain and answer
 * 413.
 */
public class PayloadTooLarge extends IOException {
  private static final long serialVersionUID = 1L;
  private final long max;

  public PayloadTooLarge(long max) {
    super("The request body is larger than " + max + " bytes.");
    this.max = max;
  }

  public long max() {
    return max;
  }

  /** The 413 answer. */
  public jakarta.ws.rs.core.Response toResponse() {
    return Problem.of(413, "payload-too-large", "Payload too large", getMessage()).toResponse();
  }

  /** The cap exceeded somewhere in {@code e}'s causes, or null. */
  public static PayloadTooLarge in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PayloadTooLarge p) {
        return p;
      }
    }
    return null;
  }
}
