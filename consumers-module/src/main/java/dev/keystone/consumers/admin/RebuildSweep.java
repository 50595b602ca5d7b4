package dev.keystone.consumers.admin;

import dev.keystone.consumerkit.RebuildRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts the consumer kit's rebuild sweep from this WAR, which holds the consumers' effects: its
 * managed threads then run in this module's context (docs/consumers.md, "Rebuilding a consumer").
 */
@ApplicationScoped
public class RebuildSweep {

  @Inject RebuildRunner runner;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    runner.start();
  }
}
