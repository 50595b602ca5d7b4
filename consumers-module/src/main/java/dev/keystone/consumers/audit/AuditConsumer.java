package dev.keystone.consumers.audit;

import dev.keystone.consumerkit.ConsumerKit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Audits every event of every aggregate topic, with its own consumer group ({@code
 * keystone-audit}), one channel per aggregate topic. The offset is acknowledged only after the
 * audit transaction committed; a duplicate is recognised by its event id and acknowledged without a
 * second row.
 *
 * <p>Everything else (dedup, retries, dead-lettering, parking, acknowledgement after commit) is the
 * kit's: see {@link ConsumerKit}.
 */
@ApplicationScoped
public class AuditConsumer {

  /** The channels, one per aggregate topic, configured in server.xml (consumers.xml). */
  public static final String PRODUCTS = "audit-product";

  public static final String CUSTOMERS = "audit-customer";
  public static final String ORDERS = "audit-order";

  @Inject AuditLog log;
  @Inject ConsumerKit kit;

  @Incoming(PRODUCTS)
  public CompletionStage<Void> products(Message<String> message) {
    return consume(message);
  }

  @Incoming(CUSTOMERS)
  public CompletionStage<Void> customers(Message<String> message) {
    return consume(message);
  }

  @Incoming(ORDERS)
  public CompletionStage<Void> orders(Message<String> message) {
    return consume(message);
  }

  private CompletionStage<Void> consume(Message<String> message) {
    return kit.handle(log, message);
  }
}
