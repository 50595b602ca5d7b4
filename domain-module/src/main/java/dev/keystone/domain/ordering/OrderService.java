package dev.keystone.domain.ordering;

import dev.keystone.cache.CacheEvictions;
import dev.keystone.domain.catalog.Product;
import dev.keystone.domain.catalog.StockService;
import dev.keystone.domain.customers.CustomerService;
import dev.keystone.domain.shared.DomainEvent;
import dev.keystone.domain.shared.NotFound;
import dev.keystone.domain.shared.Unprocessable;
import dev.keystone.platform.jdbc.DatabaseWork;
import dev.keystone.platform.tracing.Spanned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Placing and cancelling orders: the application service of docs/architecture.md §2. One JTA
 * transaction reserves (or returns) the stock of every line, writes the order and fires {@code
 * StockAdjusted} per product and the order's event, so either all of it commits with its outbox
 * rows or none of it does.
 */
@ApplicationScoped
@DatabaseWork
@Spanned // docs/tracing.md: a span around each call, its transaction included
public class OrderService {

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Inject Event<DomainEvent> events;
  @Inject StockService stock;
  @Inject CustomerService customers;
  @Inject CacheEvictions evictions;

  /**
   * Places an order, reserving the stock of every line, all or nothing; emits {@code StockAdjusted}
   * per product and then {@link OrderPlaced}.
   *
   * @throws Unprocessable if the customer or a product does not exist, or a product is on two lines
   * @throws dev.keystone.domain.catalog.InsufficientStock naming the first product (by id) short
   * @throws MixedCurrencies if the products are priced in different currencies
   */
  @Transactional
  public OrderView place(PlaceOrder command) {
    if (!customers.exists(command.customerId())) {
      throw new Unprocessable(
          "unknown-customer", "No customer with id " + command.customerId() + ".");
    }
    var wanted = quantities(command.items());
    var products =
        stock.lockInIdOrder(wanted.keySet()).stream()
            .collect(Collectors.toMap(Product::id, Function.identity()));
    for (var id : wanted.keySet()) {
      if (!products.containsKey(id)) {
        throw new Unprocessable("unknown-product", "No product with id " + id + ".");
      }
    }
    var priced =
        wanted.entrySet().stream().map(e -> price(products.get(e.getKey()), e.getValue())).toList();
    var order = new Order(command.customerId(), priced, now());
    wanted.forEach((id, quantity) -> products.get(id).reserve(quantity));
    em.persist(order);
    em.flush(); // ids and versions, for the events
    var reason = "order " + order.id() + " placed";
    wanted.forEach((id, quantity) -> stock.announce(products.get(id), -quantity, reason));
    events.fire(order.placed());
    return order.view();
  }

  /**
   * Cancels a placed order and returns its stock; emits {@code StockAdjusted} per product and then
   * {@link OrderCancelled}.
   *
   * @throws NotFound if there is no such order
   * @throws OrderNotCancellable if it is cancelled already (also when a concurrent cancel won)
   */
  @Transactional
  public OrderView cancel(long id) {
    // the order row first, then its products in id order: a second cancel queues here
    var order = em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (order == null) {
      throw new NotFound("order", id);
    }
    order.cancel(now());
    var quantities = order.quantities();
    var products = stock.lockInIdOrder(quantities.keySet());
    products.forEach(product -> product.restock(quantities.get(product.id())));
    em.flush();
    var reason = "order " + id + " cancelled";
    products.forEach(product -> stock.announce(product, quantities.get(product.id()), reason));
    events.fire(order.cancelled());
    var view = order.view();
    evictions.evictAfterCommit(OrderLookup.CACHE, id);
    evictions.evictAfterCommit(
        OrderLookup.CACHE, new CustomersOrder(id, view.customerId())); // the owner's key
    return view;
  }

  /** Quantity per product in the caller's order of lines; a product twice is refused. */
  private static Map<Long, Integer> quantities(List<PlaceOrder.Item> items) {
    var wanted = new LinkedHashMap<Long, Integer>();
    for (var item : items) {
      if (wanted.put(item.productId(), item.quantity()) != null) {
        throw new Unprocessable(
            "duplicate-line",
            "Product " + item.productId() + " is on more than one line; use one line per product.");
      }
    }
    return wanted;
  }

  private static PricedLine price(Product product, int quantity) {
    return new PricedLine(
        product.id(), product.sku(), quantity, product.price(), product.currency());
  }

  /** PostgreSQL keeps microseconds: the event and every later read agree on the instant. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
