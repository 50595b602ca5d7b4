package dev.keystone.consumers.email;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The mail sender as MicroProfile Metrics (application scope): {@code keystone_mail_sent_total},
 * mails the SMTP server accepted, and {@code keystone_mail_failed_total}, sends that failed and
 * were scheduled again (docs/operations.md#metrics). A mail waiting for its customer's address was
 * not sent and is neither. This server's sends only.
 */
@ApplicationScoped
public class MailMetrics {

  @Inject MetricRegistry registry;

  private Counter sent;
  private Counter failed;

  @PostConstruct
  void register() {
    sent =
        registry.counter(
            Metadata.builder()
                .withName("keystone.mail.sent")
                .withDescription("Order mails the SMTP server accepted")
                .build());
    failed =
        registry.counter(
            Metadata.builder()
                .withName("keystone.mail.failed")
                .withDescription("Mail sends that failed and will be retried")
                .build());
  }

  /** Registers the counters when the application starts: a scrape shows 0, not nothing. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // observing instantiates the bean; @PostConstruct registers
  }

  void sent() {
    sent.inc();
  }

  void failed() {
    failed.inc();
  }
}
