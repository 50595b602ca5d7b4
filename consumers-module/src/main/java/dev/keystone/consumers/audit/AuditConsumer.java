package dev.keystone.consumers.audit;

import dev.keystone.consumers.kit.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Audits every event of every aggregate topic, with its own consumer group ({@code
 * keystone-audit}), one channel per aggregate topic. The offset is acknowledged only after the
 * audit transaction committed; a duplicate is recognised by its event id and acknowledged without a
 * second row.
 *
 * <p>A failing message is neither acknowledged nor nacked (Liberty closes the channel on a nack):
 * its offset stays uncommitted, so it is redelivered after a restart and nothing is lost.
 */
@ApplicationScoped
public class AuditConsumer {

  /** The channels, one per aggregate topic, configured in server.xml (consumers.xml). */
  public static final String PRODUCTS = "audit-product";

  public static final String CUSTOMERS = "audit-customer";
  public static final String ORDERS = "audit-order";

  private static final Logger LOG = Logger.getLogger(AuditConsumer.class.getName());

  @Inject AuditLog log;

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
    try {
      log.append(ReceivedEvent.parse(message.getPayload()));
      return message.ack();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Audit could not process a message; it stays unacknowledged", e);
      return CompletableFuture.completedFuture(null);
    }
  }
}
