package dev.keystone.samples.notes;

import dev.keystone.platform.problem.Problem;

/**
 * A request the notes cannot serve, as an RFC 9457 problem. Unchecked, so that it rolls the
 * transaction back.
 */
public abstract class NoteProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NoteProblem(String message) {
    super(message);
  }

  /** The problem document to answer with. */
  public abstract Problem problem();
}
