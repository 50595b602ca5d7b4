package dev.keystone.domain.catalog;

import dev.keystone.cache.CacheEvictions;
import dev.keystone.domain.shared.DomainEvent;
import dev.keystone.domain.shared.NotFound;
import dev.keystone.platform.jdbc.DatabaseWork;
import dev.keystone.platform.tracing.Spanned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Stock levels under concurrency (docs/architecture.md §2: PostgreSQL holds the correct value).
 * Every change locks the product rows with {@code SELECT ... FOR UPDATE}, always in ascending id
 * order, so two orders over the same products queue behind each other instead of deadlocking; the
 * entity then checks the level on the locked row and JPA's {@code @Version} check can no longer
 * fail. The schema's {@code CHECK (stock >= 0)} is the last line of defence.
 */
@ApplicationScoped
@DatabaseWork
@Spanned // docs/tracing.md: a span around each call, its transaction included
public class StockService {

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Inject Event<DomainEvent> events;
  @Inject CacheEvictions evictions;

  /**
   * An operator's adjustment by {@code delta} (a delivery, a count, breakage); emits {@link
   * StockAdjusted}.
   *
   * @throws NotFound if there is no such product
   * @throws InsufficientStock if a negative delta would leave less than nothing
   */
  @Transactional
  public ProductView adjust(long id, int delta, String reason) {
    var product = lock(id);
    product.adjust(delta);
    em.flush();
    announce(product, delta, reason);
    return product.view();
  }

  /**
   * Locks one product row for the rest of the transaction.
   *
   * @throws NotFound if there is no such product
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Product lock(long id) {
    var product = em.find(Product.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (product == null) {
      throw new NotFound("product", id);
    }
    return product;
  }

  /**
   * Locks the products with these ids, in ascending id order (the deadlock-free order), and returns
   * them in that order; ids without a product are left out.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Product> lockInIdOrder(Collection<Long> ids) {
    var locked = new ArrayList<Product>();
    for (var id : new TreeSet<>(ids)) {
      var product = em.find(Product.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (product != null) {
        locked.add(product);
      }
    }
    return locked;
  }

  /**
   * Emits {@link StockAdjusted} for a change already flushed (so the event carries the new version)
   * and evicts the product's cache entry after commit.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void announce(Product product, int delta, String reason) {
    events.fire(product.stockAdjusted(delta, reason));
    evictions.evictAfterCommit(ProductService.CACHE, product.id());
  }
}
