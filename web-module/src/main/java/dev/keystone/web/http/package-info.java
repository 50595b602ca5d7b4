/**
 * HTTP mechanics the resources share: {@code If-Match} preconditions, {@code ETag}s and {@code
 * Idempotency-Key} handling. No business rules: those stay in the application service.
 */
package dev.keystone.web.http;
