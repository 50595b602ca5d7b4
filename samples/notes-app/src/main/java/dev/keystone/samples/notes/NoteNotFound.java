package dev.keystone.samples.notes;

import dev.keystone.platform.problem.Problem;

/** No note has the id asked for: 404. */
public class NoteNotFound extends NoteProblem {

  private static final long serialVersionUID = 1L;

  NoteNotFound(long id) {
    super("no note " + id);
  }

  @Override
  public Problem problem() {
    return Problem.of(404, "not-found", "Not found", getMessage());
  }
}
