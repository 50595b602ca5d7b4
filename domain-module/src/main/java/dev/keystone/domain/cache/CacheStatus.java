package dev.keystone.domain.cache;

import jakarta.enterprise.context.RequestScoped;

/**
 * The outcome of the last cached read in this request, for the gateway's {@code Cache-Status}
 * header. Request scoped, so reads outside a request (background refresh) never touch it.
 */
@RequestScoped
public class CacheStatus {

  private CacheOutcome outcome;

  public CacheOutcome outcome() {
    return outcome;
  }

  void record(CacheOutcome outcome) {
    this.outcome = outcome;
  }
}
