package dev.keystone.consumers.health;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps {@link ConsumersReadiness} out of the application server. The same WAR runs inside the EAR
 * (where the web module publishes the server's readiness checks, PostgreSQL's among them, and a
 * second {@code postgresql} check would be listed beside it) and alone on the consumers-only
 * server, whose server.xml sets {@code keystone.health.consumers-readiness=true}. MicroProfile
 * Health publishes every {@code @Readiness} bean it finds, so the switch removes the bean itself.
 */
public class OnlyOnConsumersServer implements Extension {

  void vetoUnlessSwitchedOn(@Observes ProcessAnnotatedType<ConsumersReadiness> type) {
    boolean on =
        ConfigProvider.getConfig()
            .getOptionalValue("keystone.health.consumers-readiness", Boolean.class)
            .orElse(false);
    if (!on) {
      type.veto();
    }
  }
}
