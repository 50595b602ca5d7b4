package dev.keystone.domain.ordering;

import dev.keystone.cache.Cached;
import dev.keystone.domain.shared.NotFound;
import dev.keystone.platform.jdbc.DatabaseWork;
import dev.keystone.platform.tracing.Spanned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Reading orders, cache-aside through Redis (docs/architecture.md §5.1). {@link OrderService}
 * evicts an order's entries after the commit of every change to it (§5.2).
 *
 * <p>An admin's read and a customer's read are cached under different keys: a customer's key names
 * the customer, and its loader refuses another customer's order before anything is stored. So a
 * refused read never writes to the cache (docs/security.md), and a stranger's miss never shares a
 * load with the owner's.
 */
@ApplicationScoped
@DatabaseWork
@Spanned // docs/tracing.md: a span around each call, its transaction included
public class OrderLookup {

  /** The cache of {@link #find}; writers evict its entries after commit. */
  public static final String CACHE = "order";

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  /**
   * Reads one order.
   *
   * @throws NotFound if there is no such order (never cached)
   */
  @Cached(cache = CACHE)
  @Transactional(Transactional.TxType.SUPPORTS)
  public OrderView find(long id) {
    var order = em.find(Order.class, id);
    if (order == null) {
      throw new NotFound("order", id);
    }
    return order.view();
  }

  /**
   * Reads one order for the customer who asks (cached under {@code <orderId>@<customerId>}).
   *
   * @throws NotFound if there is no such order (never cached)
   * @throws AnotherCustomersOrder if another customer placed it (never cached)
   */
  @Cached(cache = CACHE)
  @Transactional(Transactional.TxType.SUPPORTS)
  public OrderView findFor(CustomersOrder asked) {
    var order = em.find(Order.class, asked.orderId());
    if (order == null) {
      throw new NotFound("order", asked.orderId());
    }
    var view = order.view();
    if (view.customerId() != asked.customerId()) {
      throw new AnotherCustomersOrder();
    }
    return view;
  }
}
