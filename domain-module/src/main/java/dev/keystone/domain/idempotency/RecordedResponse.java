package dev.keystone.domain.idempotency;

/**
 * What the first request with a key was answered: replayed as it was to every retry.
 *
 * @param location the {@code Location} header, or null
 * @param etag the {@code ETag} value without quotes, or null
 * @param body the JSON body as sent
 */
public record RecordedResponse(int status, String location, String etag, String body) {}
