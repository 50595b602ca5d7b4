package dev.keystone.domain.ordering;

import dev.keystone.cache.CacheEvict;
import dev.keystone.cache.Cached;
import dev.keystone.domain.shared.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Reading orders, cache-aside through Redis (docs/architecture.md §5.1), and the eviction that
 * writes call. A bean of its own so that {@link OrderService} calls {@link #evict} through the
 * interceptor.
 */
@ApplicationScoped
public class OrderLookup {

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  /**
   * Reads one order.
   *
   * @throws NotFound if there is no such order (never cached)
   */
  @Cached(cache = "order")
  @Transactional(Transactional.TxType.SUPPORTS)
  public OrderView find(long id) {
    var order = em.find(Order.class, id);
    if (order == null) {
      throw new NotFound("order", id);
    }
    return order.view();
  }

  /** Drops an order's cache entry after the current transaction commits. */
  @CacheEvict(cache = "order")
  public void evict(long id) {
    // the interceptor does the work, after commit
  }
}
