package dev.keystone.cache.internal;

import dev.keystone.cache.CacheOutcome;
import dev.keystone.cache.CacheStatus;
import jakarta.enterprise.context.RequestScoped;

/** The request's {@link CacheStatus}, recorded by the interceptor after each cached read. */
@RequestScoped
public class RequestCacheStatus implements CacheStatus {

  private CacheOutcome outcome;
  private Object value;
  private String json;

  @Override
  public CacheOutcome outcome() {
    return outcome;
  }

  @Override
  public Object entity(Object value) {
    return json != null && value != null && value == this.value ? json : value;
  }

  void record(CacheOutcome outcome, Object value, String json) {
    this.outcome = outcome;
    this.value = value;
    this.json = json;
  }
}
