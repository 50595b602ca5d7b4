package dev.keystone.domain.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProductStockTest {

  private final Product anvil = new Product("A1", "Anvil", new BigDecimal("9.99"), "EUR", 3, null);

  @Test
  void reservingTakesUnitsOut() {
    anvil.reserve(2);
    assertEquals(1, anvil.stock());
  }

  @Test
  void theLastUnitCanBeReservedButNoMore() {
    anvil.reserve(3);
    assertEquals(0, anvil.stock());
    var e = assertThrows(InsufficientStock.class, () -> anvil.reserve(1));
    assertEquals(409, e.status());
    assertEquals("insufficient-stock", e.type());
    assertTrue(e.getMessage().contains("(A1) has 0 in stock, 1 requested"), e.getMessage());
    assertEquals(0, anvil.stock());
  }

  @Test
  void aFailedReservationLeavesTheStockAsItWas() {
    assertThrows(InsufficientStock.class, () -> anvil.reserve(4));
    assertEquals(3, anvil.stock());
  }

  @Test
  void restockingAddsUnits() {
    anvil.restock(5);
    assertEquals(8, anvil.stock());
  }

  @Test
  void quantitiesMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> anvil.reserve(0));
    assertThrows(IllegalArgumentException.class, () -> anvil.restock(-1));
  }

  @Test
  void restockingBeyondAnIntegerOverflowsLoudly() {
    assertThrows(ArithmeticException.class, () -> anvil.restock(Integer.MAX_VALUE));
  }

  @Test
  void adjustingGoesEitherWayButNeverBelowZero() {
    anvil.adjust(-2);
    assertEquals(1, anvil.stock());
    anvil.adjust(4);
    assertEquals(5, anvil.stock());
    assertThrows(InsufficientStock.class, () -> anvil.adjust(-6));
    assertEquals(5, anvil.stock());
    assertThrows(IllegalArgumentException.class, () -> anvil.adjust(0));
  }

  @Test
  void changingKeepsSkuAndStock() {
    anvil.change("Heavy anvil", new BigDecimal("12.00"), "USD", "tools");
    assertEquals("A1", anvil.sku());
    assertEquals(3, anvil.stock());
    assertEquals("Heavy anvil", anvil.name());
    assertEquals(new BigDecimal("12.00"), anvil.price());
    assertEquals("USD", anvil.currency());
  }

  @Test
  void changingRefusesANegativePrice() {
    assertThrows(
        IllegalArgumentException.class, () -> anvil.change("x", new BigDecimal("-1"), "EUR", null));
    assertEquals(new BigDecimal("9.99"), anvil.price());
  }
}
