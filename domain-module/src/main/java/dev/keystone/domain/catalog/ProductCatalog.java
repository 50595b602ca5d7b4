package dev.keystone.domain.catalog;

import dev.keystone.cache.CacheEvictions;
import dev.keystone.domain.shared.DomainEvent;
import dev.keystone.domain.shared.StaleVersion;
import dev.keystone.platform.jdbc.DatabaseWork;
import dev.keystone.platform.tracing.Spanned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Browsing and editing the catalog: the application service of docs/architecture.md §2 for product
 * pages and for conditional changes ({@code If-Match}). Stock has its own service, {@link
 * StockService}.
 */
@ApplicationScoped
@DatabaseWork
@Spanned // docs/tracing.md: a span around each call, its transaction included
public class ProductCatalog {

  /** The largest page a caller may ask for; the gateway refuses more with a 400. */
  public static final int MAX_PAGE_SIZE = 100;

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Inject Event<DomainEvent> events;
  @Inject StockService stock;
  @Inject CacheEvictions evictions;

  /**
   * One page of products, optionally of one category, ordered by id.
   *
   * @param page zero-based
   * @param size 1 to {@link #MAX_PAGE_SIZE}
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ProductPage page(String category, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page " + page + " of size " + size);
    }
    var filter = category == null ? "" : " where p.category = :category";
    var query =
        em.createQuery("select p from Product p" + filter + " order by p.id", Product.class);
    var count = em.createQuery("select count(p) from Product p" + filter, Long.class);
    if (category != null) {
      query.setParameter("category", category);
      count.setParameter("category", category);
    }
    var items =
        query.setFirstResult(Math.multiplyExact(page, size)).setMaxResults(size).getResultList();
    return new ProductPage(
        items.stream().map(Product::view).toList(), page, size, count.getSingleResult());
  }

  /**
   * Replaces a product's descriptive values if it is still at {@code expectedVersion}, and emits
   * {@link ProductChanged} with the new version. The row is locked first, so two editors holding
   * the same version cannot both win.
   *
   * @throws dev.keystone.domain.shared.NotFound if there is no such product
   * @throws StaleVersion if the product changed since the caller read it
   */
  @Transactional
  public ProductView change(long id, long expectedVersion, ProductChanges changes) {
    var product = stock.lock(id);
    if (product.version() != expectedVersion) {
      throw new StaleVersion("product", id, expectedVersion, product.version());
    }
    product.change(changes.name(), changes.price(), changes.currency(), changes.category());
    em.flush(); // the new version, for the event and the ETag
    events.fire(product.changed());
    evictions.evictAfterCommit(ProductService.CACHE, id);
    return product.view();
  }
}
