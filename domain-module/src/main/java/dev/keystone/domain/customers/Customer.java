package dev.keystone.domain.customers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Locale;
import java.util.Objects;

/**
 * A customer of the shop. The email is kept lower-cased so that {@code Ann@x.org} and {@code
 * ann@x.org} are one address; its uniqueness is a constraint of the schema (docs/architecture.md
 * §2: PostgreSQL is the source of truth).
 */
@Entity
@Table(name = "customers")
public class Customer {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(nullable = false, unique = true, length = 254)
  private String email;

  @Version private long version;

  protected Customer() {
    // for JPA
  }

  public Customer(String name, String email) {
    this.name = requireText(name, "name");
    this.email = normalize(email);
  }

  /** The form an address is stored and compared in. */
  public static String normalize(String email) {
    var trimmed = requireText(email, "email").trim().toLowerCase(Locale.ROOT);
    if (trimmed.indexOf('@') < 1 || trimmed.endsWith("@")) {
      throw new IllegalArgumentException("email must be an address, was " + email);
    }
    return trimmed;
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  public Long id() {
    return id;
  }

  public String email() {
    return email;
  }

  public CustomerView view() {
    return new CustomerView(id, name, email, version);
  }

  /** The event of this registration; only once the database has assigned the id. */
  CustomerRegistered registered() {
    if (id == null) {
      throw new IllegalStateException(
          "a customer has no registration event before it is persisted");
    }
    return new CustomerRegistered(id, name, email, version);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Customer that && id != null && id.equals(that.id);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(id);
  }
}
