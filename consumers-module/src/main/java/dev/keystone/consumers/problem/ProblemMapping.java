package dev.keystone.consumers.problem;

import dev.keystone.platform.problem.ProblemMappers;
import jakarta.ws.rs.ext.Provider;

/**
 * The shared problem+json mappers, switched on for the consumers' endpoints: a refusal or failure
 * here answers as the API's do (see {@link ProblemMappers}), never as an empty 500.
 */
@Provider
public class ProblemMapping extends ProblemMappers {}
