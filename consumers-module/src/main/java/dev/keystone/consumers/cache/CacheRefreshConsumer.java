package dev.keystone.consumers.cache;

import dev.keystone.consumerkit.ConsumerSpans;
import dev.keystone.consumerkit.IncomingRecord;
import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumerkit.ReceivedEvent.MalformedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the product topic in its own consumer group ({@code keystone-cache-refresh}) and evicts the
 * changed product's cache entry. It needs no table and no dedup: an eviction is idempotent, and
 * (see {@link ProductCacheEvictor}) safe in any order. A malformed message is skipped with a
 * warning and acknowledged: there is nothing to evict for it, and the other consumers dead-letter
 * it.
 *
 * <p><b>docs/architecture.md §5.2, the Redis update failing after the database write:</b> when
 * Redis is down at commit, the application's after-commit eviction is skipped (fail-open) and the
 * old value would live on until its TTL. This consumer is the retry that closes that window: it
 * does not acknowledge an eviction Redis did not answer, but retries it with a growing pause (up to
 * 2 s) until Redis is back, holding only its own channel (its own group; nothing else waits on it).
 * The wait is bounded by {@code keystone.cache-refresh.max-wait-ms} (240 s, below Kafka's default
 * 300 s {@code max.poll.interval.ms}, so the group does not evict this member); past it the entry
 * ends by its TTL, with a warning.
 */
@ApplicationScoped
public class CacheRefreshConsumer {

  /** The channel, configured in consumers.xml. */
  public static final String PRODUCTS = "cache-product";

  /**
   * Product events after which a cached product is out of date. Not {@code created}: a new product
   * has no cached entry that could be out of date (misses are not cached), and evicting on it only
   * removed the first fill of a freshly created product a moment after a reader had made it.
   */
  static final Set<String> EVICTING =
      Set.of("dev.keystone.product.changed", "dev.keystone.product.stock-adjusted");

  private static final Logger LOG = Logger.getLogger(CacheRefreshConsumer.class.getName());

  /** Its name in spans; it keeps no dedup or version rows, so the kit never sees it. */
  static final String CONSUMER = "cache-refresh";

  @Inject ProductCacheEvictor evictor;
  @Inject ConsumerSpans spans;

  @Inject
  @ConfigProperty(name = "keystone.cache-refresh.max-wait-ms", defaultValue = "240000")
  long maxWaitMillis;

  @Incoming(PRODUCTS)
  public CompletionStage<Void> products(Message<String> message) {
    try {
      var event = ReceivedEvent.parse(message.getPayload());
      // its own delivery span, parented like the kit's (docs/tracing.md): the eviction's Redis
      // call is its child
      var span = spans.delivery(CONSUMER, IncomingRecord.of(message), event);
      try (var scope = span.makeCurrent()) {
        if (evicts(event)) {
          evictOnceRedisAnswers(event.aggregateId());
        }
      } finally {
        span.end();
      }
    } catch (MalformedEvent e) {
      LOG.warning(() -> "Cache refresh skips " + IncomingRecord.of(message) + ": " + e);
    }
    return message.ack();
  }

  /**
   * Whether the event makes the product's cached entry out of date. It reads only the envelope
   * ({@code type}, {@code subject}), never the payload, so it evicts on every schema version of
   * these types (docs/events.md): a second copy of a change costs one extra DEL, nothing more.
   */
  static boolean evicts(ReceivedEvent event) {
    return EVICTING.contains(event.type());
  }

  private void evictOnceRedisAnswers(String productId) {
    long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
    long pause = 100;
    while (!evictor.evict(productId)) {
      if (System.nanoTime() > deadline) {
        LOG.warning(
            () ->
                "Redis did not answer for "
                    + maxWaitMillis
                    + " ms; product "
                    + productId
                    + "'s entry ends by its TTL");
        return;
      }
      try {
        Thread.sleep(pause); // production back-off on this consumer's own polling thread
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warning(() -> "Stopping; product " + productId + "'s entry ends by its TTL");
        return;
      }
      pause = Math.min(pause * 2, 2000);
    }
  }
}
