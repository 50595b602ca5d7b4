package dev.keystone.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product of the catalog. The database is the source of truth (seed §2): the sku is unique in the
 * schema, stock can never be negative (a CHECK backs this guard), and {@link #version} is the
 * aggregate version that every event and cache entry carries.
 */
@Entity
@Table(name = "products")
public class Product {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 64)
  private String sku;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(nullable = false, precision = 19, scale = 4)
  private BigDecimal price;

  @Column(nullable = false, length = 3)
  private String currency;

  @Column(nullable = false)
  private int stock;

  @Column(length = 100)
  private String category;

  @Version private long version;

  protected Product() {
    // for JPA
  }

  public Product(
      String sku, String name, BigDecimal price, String currency, int stock, String category) {
    this.sku = Objects.requireNonNull(sku, "sku");
    this.name = Objects.requireNonNull(name, "name");
    this.price = requireNonNegative(Objects.requireNonNull(price, "price"));
    this.currency = Objects.requireNonNull(currency, "currency");
    if (stock < 0) {
      throw new IllegalArgumentException("stock must not be negative");
    }
    this.stock = stock;
    this.category = category;
  }

  private static BigDecimal requireNonNegative(BigDecimal price) {
    if (price.signum() < 0) {
      throw new IllegalArgumentException("price must not be negative");
    }
    return price;
  }

  public Long id() {
    return id;
  }

  public long version() {
    return version;
  }

  public ProductView view() {
    return new ProductView(id, sku, name, price, currency, stock, category, version);
  }

  /** The event of this product's creation; only once the database has assigned its id. */
  ProductCreated created() {
    if (id == null) {
      throw new IllegalStateException("a product has no creation event before it is persisted");
    }
    return new ProductCreated(id, sku, name, price, currency, stock, category, version);
  }
}
