package dev.keystone.web.problem;

import dev.keystone.platform.problem.ProblemMappers;
import jakarta.ws.rs.ext.Provider;

/** The shared problem+json mappers, switched on for the API (see {@link ProblemMappers}). */
@Provider
public class ProblemMapping extends ProblemMappers {}
