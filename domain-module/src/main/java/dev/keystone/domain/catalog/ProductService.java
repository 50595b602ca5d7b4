package dev.keystone.domain.catalog;

import dev.keystone.cache.Cached;
import dev.keystone.domain.shared.DomainEvent;
import dev.keystone.domain.shared.NotFound;
import dev.keystone.domain.shared.PersistenceErrors;
import dev.keystone.platform.jdbc.DatabaseWork;
import dev.keystone.platform.tracing.Spanned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * The catalog's use cases: the application service of docs/architecture.md §2. It writes PostgreSQL
 * in a JTA transaction and fires a {@link DomainEvent} in that transaction; messaging-module makes
 * the event durable (outbox) and propagates it after commit. Reads go through the Redis cache
 * interceptor.
 */
@ApplicationScoped
@DatabaseWork
@Spanned // docs/tracing.md: a span around each call, its transaction included
public class ProductService {

  /** The cache of {@link #find}; writers evict its entries after commit. */
  public static final String CACHE = "product";

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Inject Event<DomainEvent> events;

  /**
   * Creates a product and emits {@link ProductCreated}.
   *
   * @throws DuplicateSku if the sku is taken, also when a concurrent create wins the race
   */
  @Transactional
  public ProductView create(NewProduct command) {
    if (skuTaken(command.sku())) {
      throw new DuplicateSku(command.sku());
    }
    var product =
        new Product(
            command.sku(),
            command.name(),
            command.price(),
            command.currency(),
            command.stock(),
            command.category());
    em.persist(product);
    try {
      em.flush(); // assigns id and version, and surfaces a unique violation from a racing create
    } catch (PersistenceException e) {
      if (PersistenceErrors.isUniqueViolation(e)) {
        throw new DuplicateSku(command.sku());
      }
      throw e;
    }
    events.fire(product.created());
    return product.view();
  }

  /**
   * Reads one product, cache-aside through Redis.
   *
   * @throws NotFound if there is no such product (never cached)
   */
  @Cached(cache = CACHE)
  @Transactional(Transactional.TxType.SUPPORTS)
  public ProductView find(long id) {
    var product = em.find(Product.class, id);
    if (product == null) {
      throw new NotFound("product", id);
    }
    return product.view();
  }

  private boolean skuTaken(String sku) {
    return !em.createNamedQuery(Product.ID_BY_SKU, Long.class)
        .setParameter("sku", sku)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
