package dev.keystone.consumers.cache;

import dev.keystone.consumers.kit.IncomingRecord;
import dev.keystone.consumers.kit.ReceivedEvent;
import dev.keystone.consumers.kit.ReceivedEvent.MalformedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the product topic in its own consumer group ({@code keystone-cache-refresh}) and evicts the
 * changed product's cache entry. It needs no table and no dedup: an eviction is idempotent, and
 * (see {@link ProductCacheEvictor}) safe in any order. A malformed message is skipped with a
 * warning and acknowledged: there is nothing to evict for it, and the other consumers dead-letter
 * it.
 */
@ApplicationScoped
public class CacheRefreshConsumer {

  /** The channel, configured in consumers.xml. */
  public static final String PRODUCTS = "cache-product";

  /** Product events after which a cached product is out of date. */
  static final Set<String> EVICTING =
      Set.of(
          "dev.keystone.product.changed",
          "dev.keystone.product.stock-adjusted",
          "dev.keystone.product.created");

  private static final Logger LOG = Logger.getLogger(CacheRefreshConsumer.class.getName());

  @Inject ProductCacheEvictor evictor;

  @Incoming(PRODUCTS)
  public CompletionStage<Void> products(Message<String> message) {
    try {
      var event = ReceivedEvent.parse(message.getPayload());
      if (EVICTING.contains(event.type())) {
        evictor.evict(event.aggregateId());
      }
    } catch (MalformedEvent e) {
      LOG.warning(() -> "Cache refresh skips " + IncomingRecord.of(message) + ": " + e);
    }
    return message.ack();
  }
}
