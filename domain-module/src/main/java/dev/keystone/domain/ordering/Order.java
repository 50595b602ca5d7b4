package dev.keystone.domain.ordering;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An order: the aggregate root of its lines. It is placed once with lines priced by the service
 * (one currency, one product per line, the total their exact sum) and can be cancelled once; it
 * refers to its customer and products by id only, as aggregates do.
 */
@Entity(name = "ShopOrder") // "Order" is a JPQL keyword
@Table(name = "orders")
public class Order {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private OrderStatus status;

  @Column(nullable = false, precision = 19, scale = 4)
  private BigDecimal total;

  @Column(nullable = false, length = 3)
  private String currency;

  // OffsetDateTime, not Instant: Persistence 3.1 maps Instant as a serialized blob (3.2 adds it)
  @Column(name = "placed_at", nullable = false)
  private OffsetDateTime placedAt;

  @Column(name = "cancelled_at")
  private OffsetDateTime cancelledAt;

  @OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST, fetch = FetchType.EAGER)
  @OrderBy("id")
  private List<OrderLine> lines = new ArrayList<>();

  @Version private long version;

  protected Order() {
    // for JPA
  }

  /**
   * Places an order.
   *
   * @throws IllegalArgumentException if there are no lines or a product appears twice
   * @throws MixedCurrencies if the lines are priced in more than one currency
   */
  public Order(long customerId, List<PricedLine> priced, Instant placedAt) {
    if (priced.isEmpty()) {
      throw new IllegalArgumentException("an order needs at least one line");
    }
    var products = new HashSet<Long>();
    for (var line : priced) {
      if (!products.add(line.productId())) {
        throw new IllegalArgumentException("product " + line.productId() + " is on two lines");
      }
    }
    this.customerId = customerId;
    this.currency = singleCurrency(priced);
    this.total = totalOf(priced);
    this.placedAt = utc(Objects.requireNonNull(placedAt, "placedAt"));
    this.status = OrderStatus.PLACED;
    priced.forEach(line -> lines.add(new OrderLine(this, line)));
  }

  /** The exact sum of the lines' amounts; never rounded, since every amount is exact. */
  static BigDecimal totalOf(List<PricedLine> lines) {
    return lines.stream().map(PricedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static String singleCurrency(List<PricedLine> lines) {
    var currencies =
        lines.stream().map(PricedLine::currency).collect(Collectors.toCollection(TreeSet::new));
    if (currencies.size() != 1) {
      throw new MixedCurrencies(currencies);
    }
    return currencies.first();
  }

  /**
   * Cancels a placed order; the caller returns the stock of {@link #quantities()}.
   *
   * @throws OrderNotCancellable if the order is not placed (cancelled already)
   */
  public void cancel(Instant at) {
    if (status != OrderStatus.PLACED) {
      throw new OrderNotCancellable(id, status);
    }
    status = OrderStatus.CANCELLED;
    cancelledAt = utc(Objects.requireNonNull(at, "at"));
  }

  public Long id() {
    return id;
  }

  /** Who placed it; fixed at placing. */
  public long customerId() {
    return customerId;
  }

  public OrderStatus status() {
    return status;
  }

  public BigDecimal total() {
    return total;
  }

  public String currency() {
    return currency;
  }

  Instant cancelledAt() {
    return cancelledAt == null ? null : cancelledAt.toInstant();
  }

  private Instant placedAt() {
    return placedAt.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  List<OrderView.Line> lineViews() {
    return lines.stream().map(OrderLine::view).toList();
  }

  /** Quantity per product id. */
  public Map<Long, Integer> quantities() {
    return lines.stream()
        .collect(Collectors.toUnmodifiableMap(OrderLine::productId, OrderLine::quantity));
  }

  public OrderView view() {
    return new OrderView(
        id, customerId, status, lineViews(), total, currency, placedAt(), cancelledAt(), version);
  }

  /** The event of placing; once flushed, so id and version are the database's. */
  OrderPlaced placed() {
    return new OrderPlaced(
        id,
        customerId,
        lines.stream().map(OrderLine::placed).toList(),
        total,
        currency,
        placedAt(),
        version);
  }

  /** The event of {@link #cancel}; once flushed. */
  OrderCancelled cancelled() {
    return new OrderCancelled(id, customerId, total, currency, cancelledAt(), version);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Order that && id != null && id.equals(that.id);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(id);
  }
}
