package dev.keystone.samples.notes;

import dev.keystone.platform.health.ApplicationReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Lists the libraries' readiness checks ({@code redis}, {@code kafka}) on this server's {@code
 * /health/ready}. The libraries mark their checks with the platform's {@link ApplicationReadiness}
 * rather than {@code @Readiness}, so that the application chooses the one module that publishes
 * them (docs/libraries.md, "The platform"). Both stay UP while their server is away: the notes
 * still answer, only slower, and their events wait in the outbox.
 */
@ApplicationScoped
class NotesReadiness {

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
