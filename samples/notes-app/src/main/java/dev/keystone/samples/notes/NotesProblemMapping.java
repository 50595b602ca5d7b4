package dev.keystone.samples.notes;

import dev.keystone.platform.problem.ProblemMappers;
import jakarta.ws.rs.ext.Provider;

/**
 * The platform's problem+json family, switched on for the notes: a malformed body, an unknown path,
 * a wrong method or an unexpected failure answers as {@code application/problem+json}, never as the
 * runtime's bare page. The notes' own refusals are {@link NoteProblemMapper}'s (the more specific
 * type wins).
 */
@Provider
public class NotesProblemMapping extends ProblemMappers {}
