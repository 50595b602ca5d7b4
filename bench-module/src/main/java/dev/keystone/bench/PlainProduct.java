package dev.keystone.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/**
 * The shop's {@code products} table, mapped by the bench WAR itself (the schema is the
 * application's, migrated by it): the write baseline persists a product the way the shop does,
 * through EclipseLink under JTA, but writes no outbox row.
 */
@Entity(name = "PlainProduct")
@Table(name = "products")
@NamedQuery(
    name = PlainProduct.ID_BY_SKU,
    query = "select p.id from PlainProduct p where p.sku = :sku")
public class PlainProduct {

  static final String ID_BY_SKU = "PlainProduct.idBySku";

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

  protected PlainProduct() {
    // for JPA
  }

  PlainProduct(NewProductBody body) {
    this.sku = body.sku();
    this.name = body.name();
    this.price = body.price();
    this.currency = body.currency();
    this.stock = body.stock();
    this.category = body.category();
  }

  ProductRow row() {
    return new ProductRow(id, sku, name, price, currency, stock, category, version);
  }
}
