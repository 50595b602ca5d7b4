package dev.keystone.domain.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProductTest {

  @Test
  void refusesNegativeStock() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Product("A1", "n", BigDecimal.ONE, "EUR", -1, null));
    assertEquals("stock must not be negative", e.getMessage());
  }

  @Test
  void refusesANegativePrice() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Product("A1", "n", new BigDecimal("-0.01"), "EUR", 0, null));
  }

  @Test
  void refusesMissingValues() {
    assertThrows(
        NullPointerException.class, () -> new Product(null, "n", BigDecimal.ONE, "EUR", 0, null));
  }

  @Test
  void hasNoCreationEventBeforeItIsPersisted() {
    var product = new Product("A1", "Anvil", new BigDecimal("9.99"), "EUR", 4, "tools");
    assertThrows(IllegalStateException.class, product::created);
  }
}
