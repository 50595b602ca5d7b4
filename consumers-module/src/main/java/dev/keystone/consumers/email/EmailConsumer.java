package dev.keystone.consumers.email;

import dev.keystone.consumerkit.ConsumerKit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the customer and order topics in its own consumer group ({@code keystone-email}) and hands
 * every message to the kit with the {@link EmailEffect}. Nothing is mailed here: the effect only
 * writes the email outbox, and {@link MailSender} delivers.
 */
@ApplicationScoped
public class EmailConsumer {

  /** The channels, configured in consumers.xml. */
  public static final String CUSTOMERS = "email-customer";

  public static final String ORDERS = "email-order";

  @Inject ConsumerKit kit;
  @Inject EmailEffect effect;

  @Incoming(CUSTOMERS)
  public CompletionStage<Void> customers(Message<String> message) {
    return kit.handle(effect, message);
  }

  @Incoming(ORDERS)
  public CompletionStage<Void> orders(Message<String> message) {
    return kit.handle(effect, message);
  }
}
