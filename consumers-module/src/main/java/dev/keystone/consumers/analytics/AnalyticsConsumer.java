package dev.keystone.consumers.analytics;

import dev.keystone.consumerkit.ConsumerKit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the order topic in its own consumer group ({@code keystone-analytics}) and hands every
 * message to the kit with the {@link SalesProjection} effect.
 */
@ApplicationScoped
public class AnalyticsConsumer {

  /** The channel, configured in consumers.xml. */
  public static final String ORDERS = "analytics-order";

  @Inject ConsumerKit kit;
  @Inject SalesProjection sales;

  @Incoming(ORDERS)
  public CompletionStage<Void> orders(Message<String> message) {
    return kit.handle(sales, message);
  }
}
