package dev.keystone.consumers.email;

import dev.keystone.consumerkit.SwitchedOffConnector;
import dev.keystone.consumers.schema.ConsumerSchema;
import dev.keystone.platform.scheduling.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Works the email outbox in the background (a {@link ManagedScheduledExecutorService}) every {@code
 * keystone.email.poll-interval-ms} (1000), off the consumer's thread: a slow or absent SMTP server
 * never holds a Kafka offset back. Each round sends what is due, one row per transaction ({@link
 * EmailOutbox#sendNext}), up to {@code BATCH} rows. Any number of servers may run it.
 */
@ApplicationScoped
public class MailSender {

  private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
  private static final int BATCH = 100;

  @Inject EmailOutbox outbox;
  @Inject ConsumerSchema schema;

  @Inject
  @ConfigProperty(name = "keystone.email.poll-interval-ms", defaultValue = "1000")
  long intervalMillis;

  @Inject
  @ConfigProperty(name = "keystone.consumers.connector", defaultValue = "liberty-kafka")
  String connector;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Periodic job = new Periodic("Working the email outbox", LOG);

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!SwitchedOffConnector.isOff(connector)) {
      var interval = Duration.ofMillis(intervalMillis);
      job.start(scheduler, interval, interval, this::sendDue);
    }
  }

  void sendDue() {
    schema.ensureMigrated();
    for (int i = 0; i < BATCH && outbox.sendNext(); i++) {
      // one row per transaction
    }
  }
}
