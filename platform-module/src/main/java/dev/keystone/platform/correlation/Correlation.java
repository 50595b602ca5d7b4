package dev.keystone.platform.correlation;

import jakarta.enterprise.context.RequestScoped;

/**
 * The id that ties one request to the events it causes. The gateway sets it from {@code
 * X-Request-Id} (or creates one); the outbox copies it into each event's {@code correlationid}.
 */
@RequestScoped
public class Correlation {

  private String id;

  public String id() {
    return id;
  }

  public void set(String id) {
    this.id = id;
  }
}
