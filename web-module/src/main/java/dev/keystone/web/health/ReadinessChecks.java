package dev.keystone.web.health;

import dev.keystone.platform.health.ApplicationReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Publishes the application's readiness checks to MicroProfile Health, from this module only. The
 * checks live beside what they check (PostgreSQL and Redis in the domain module, Kafka in the
 * messaging module), in the EAR's {@code lib/}, which the consumers WAR sees too; Liberty collects
 * {@code @Readiness} beans per module, so there each was run and listed twice. This module knows
 * them only by name and type: it has no Redis, Kafka or JDBC classes to reach them with.
 */
@ApplicationScoped
class ReadinessChecks {

  @Produces
  @Readiness
  HealthCheck postgresql(@ApplicationReadiness("postgresql") HealthCheck check) {
    return check;
  }

  @Produces
  @Readiness
  HealthCheck redis(@ApplicationReadiness("redis") HealthCheck check) {
    return check;
  }

  @Produces
  @Readiness
  HealthCheck kafka(@ApplicationReadiness("kafka") HealthCheck check) {
    return check;
  }
}
