package dev.keystone.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product of the catalog. The database is the source of truth (docs/architecture.md §2): the sku
 * is unique in the schema, stock can never be negative (a CHECK backs this guard), and {@link
 * #version} is the aggregate version that every event and cache entry carries.
 */
@Entity
@Table(name = "products")
// Named, so EclipseLink prepares it once: a createQuery per create spent ~9 % of a write's CPU
// preparing the same SQL (JFR).
@NamedQuery(name = Product.ID_BY_SKU, query = "select p.id from Product p where p.sku = :sku")
public class Product {

  static final String ID_BY_SKU = "Product.idBySku";

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

  /**
   * Takes {@code quantity} units out of stock for an order.
   *
   * @throws InsufficientStock if fewer units are left; the stock is then unchanged
   */
  public void reserve(int quantity) {
    requirePositive(quantity);
    if (quantity > stock) {
      throw new InsufficientStock(id, sku, quantity, stock);
    }
    stock -= quantity;
  }

  /** Puts {@code quantity} units back (a cancelled order) or adds new ones (a delivery). */
  public void restock(int quantity) {
    requirePositive(quantity);
    stock = Math.addExact(stock, quantity);
  }

  /**
   * An operator's correction by {@code delta} (positive: restock, negative: units taken out).
   *
   * @throws InsufficientStock if a negative delta would leave less than nothing
   */
  public void adjust(int delta) {
    if (delta > 0) {
      restock(delta);
    } else {
      reserve(Math.negateExact(delta));
    }
  }

  /** Replaces the descriptive values and the price; the sku and the stock stay as they are. */
  public void change(String name, BigDecimal price, String currency, String category) {
    this.name = Objects.requireNonNull(name, "name");
    this.price = requireNonNegative(Objects.requireNonNull(price, "price"));
    this.currency = Objects.requireNonNull(currency, "currency");
    this.category = category;
  }

  private static void requirePositive(int quantity) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
  }

  public Long id() {
    return id;
  }

  public String sku() {
    return sku;
  }

  public String name() {
    return name;
  }

  public BigDecimal price() {
    return price;
  }

  public String currency() {
    return currency;
  }

  public int stock() {
    return stock;
  }

  public long version() {
    return version;
  }

  public ProductView view() {
    return new ProductView(id, sku, name, price, currency, stock, category, version);
  }

  /** The event of a change made by {@link #change}, once flushed (the version is the new one). */
  ProductChanged changed() {
    return new ProductChanged(id, sku, name, price, currency, category, version);
  }

  /** The event of a stock change by {@code delta}, once flushed (the version is the new one). */
  public StockAdjusted stockAdjusted(int delta, String reason) {
    return new StockAdjusted(id, delta, stock, reason, version);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Product that && id != null && id.equals(that.id);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(id);
  }

  /** The event of this product's creation; only once the database has assigned its id. */
  ProductCreated created() {
    if (id == null) {
      throw new IllegalStateException("a product has no creation event before it is persisted");
    }
    return new ProductCreated(id, sku, name, price, currency, stock, category, version);
  }
}
