package dev.keystone.cache;

/**
 * How the last cached read in this request was answered: the outcome, for an RFC 9211 {@code
 * Cache-Status} header, and the JSON the cache holds for the value it returned, so that the HTTP
 * layer can send those bytes instead of rendering the same value again. Inject it into a resource;
 * it is request scoped, so reads outside a request (background refresh) never touch it.
 */
public interface CacheStatus {

  /** How the last cached read of this request was answered; {@code null} before any. */
  CacheOutcome outcome();

  /**
   * The response entity for {@code value}: the cache's JSON of it when {@code value} is the very
   * object the last cached read returned (cache values are rendered by the same JSON-B defaults as
   * the API's responses: null values left out, properties in lexical order), else {@code value}
   * itself.
   */
  Object entity(Object value);
}
