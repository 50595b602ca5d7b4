package dev.keystone.samples.notes;

import dev.keystone.platform.problem.Problem;

/** A note's text that breaks its rules: 400. */
public class InvalidNote extends NoteProblem {

  private static final long serialVersionUID = 1L;

  InvalidNote(String message) {
    super(message);
  }

  @Override
  public Problem problem() {
    return Problem.invalid(getMessage(), null);
  }
}
