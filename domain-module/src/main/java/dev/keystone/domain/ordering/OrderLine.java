package dev.keystone.domain.ordering;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an {@link Order}, part of its aggregate: created with the order and never changed, so
 * the price a customer was charged stays what it was whatever the catalog does later.
 */
@Entity
@Table(name = "order_lines")
public class OrderLine {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "order_id", nullable = false)
  private Order order;

  @Column(name = "product_id", nullable = false)
  private long productId;

  @Column(nullable = false, length = 64)
  private String sku;

  @Column(nullable = false)
  private int quantity;

  @Column(name = "unit_price", nullable = false, precision = 19, scale = 4)
  private BigDecimal unitPrice;

  @Column(nullable = false, length = 3)
  private String currency;

  protected OrderLine() {
    // for JPA
  }

  OrderLine(Order order, PricedLine line) {
    this.order = Objects.requireNonNull(order, "order");
    this.productId = line.productId();
    this.sku = Objects.requireNonNull(line.sku(), "sku");
    if (line.quantity() <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + line.quantity());
    }
    this.quantity = line.quantity();
    this.unitPrice = Objects.requireNonNull(line.unitPrice(), "unitPrice");
    if (unitPrice.signum() < 0) {
      throw new IllegalArgumentException("unit price must not be negative");
    }
    this.currency = Objects.requireNonNull(line.currency(), "currency");
  }

  long productId() {
    return productId;
  }

  int quantity() {
    return quantity;
  }

  OrderView.Line view() {
    return new OrderView.Line(productId, sku, quantity, unitPrice, currency);
  }

  OrderPlaced.Line placed() {
    return new OrderPlaced.Line(productId, sku, quantity, unitPrice);
  }
}
