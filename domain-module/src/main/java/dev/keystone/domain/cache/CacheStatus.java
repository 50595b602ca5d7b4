package dev.keystone.domain.cache;

import jakarta.enterprise.context.RequestScoped;

/**
 * How the last cached read in this request was answered: the outcome, for the gateway's {@code
 * Cache-Status} header, and the JSON the cache holds for the value it returned, so that the HTTP
 * layer can send those bytes instead of rendering the same value again. Request scoped, so reads
 * outside a request (background refresh) never touch it.
 */
@RequestScoped
public class CacheStatus {

  private CacheOutcome outcome;
  private Object value;
  private String json;

  public CacheOutcome outcome() {
    return outcome;
  }

  /**
   * The response entity for {@code value}: the cache's JSON of it when {@code value} is the very
   * object the last cached read returned (cache values are rendered by the same JSON-B defaults as
   * the API's responses: null values left out, properties in lexical order), else {@code value}
   * itself.
   */
  public Object entity(Object value) {
    return json != null && value != null && value == this.value ? json : value;
  }

  void record(CacheOutcome outcome, Object value, String json) {
    this.outcome = outcome;
    this.value = value;
    this.json = json;
  }
}
