package dev.keystone.platform.jdbc;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a request's work with the database (the application service's use cases): it runs only
 * while the {@link DatabaseBreaker} lets it, so that once PostgreSQL is found hung or unreachable
 * the next requests are refused at once (503) instead of each holding a server thread for the data
 * source's deadlines (docs/operations.md#database-deadlines). Runs after the cache (a hit never
 * asks) and before the transaction (a refused call opens none).
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface DatabaseWork {}
