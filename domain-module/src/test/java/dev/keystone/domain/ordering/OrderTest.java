package dev.keystone.domain.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private static PricedLine line(long productId, int quantity, String price, String currency) {
    return new PricedLine(productId, "SKU-" + productId, quantity, new BigDecimal(price), currency);
  }

  @Test
  void theTotalIsTheExactSumOfTheLines() {
    var order = new Order(1, List.of(line(1, 3, "0.10", "EUR"), line(2, 1, "19.9999", "EUR")), NOW);
    assertEquals(0, new BigDecimal("20.2999").compareTo(order.total()));
    assertEquals("EUR", order.currency());
    assertEquals(OrderStatus.PLACED, order.status());
  }

  @Test
  void binaryFloatingPointWouldGetTheTotalWrong() {
    // why BigDecimal: 0.1 + 0.2 in double is 0.30000000000000004
    assertEquals(
        new BigDecimal("0.3"),
        Order.totalOf(List.of(line(1, 1, "0.1", "EUR"), line(2, 1, "0.2", "EUR"))));
  }

  @Test
  void linesInTwoCurrenciesAreRefused() {
    var e =
        assertThrows(
            MixedCurrencies.class,
            () -> new Order(1, List.of(line(1, 1, "1", "EUR"), line(2, 1, "1", "USD")), NOW));
    assertEquals(422, e.status());
    assertEquals("mixed-currencies", e.type());
  }

  @Test
  void anOrderNeedsLinesAndEachProductOnce() {
    assertThrows(IllegalArgumentException.class, () -> new Order(1, List.of(), NOW));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Order(1, List.of(line(1, 1, "1", "EUR"), line(1, 2, "1", "EUR")), NOW));
    assertThrows(
        IllegalArgumentException.class, () -> new Order(1, List.of(line(1, 0, "1", "EUR")), NOW));
  }

  @Test
  void aPlacedOrderCancelsOnceOnly() {
    var order = new Order(1, List.of(line(1, 2, "5", "EUR"), line(2, 1, "5", "EUR")), NOW);
    order.cancel(NOW.plusSeconds(60));
    assertEquals(OrderStatus.CANCELLED, order.status());
    assertNotNull(order.cancelledAt());
    assertEquals(Map.of(1L, 2, 2L, 1), order.quantities());

    var e = assertThrows(OrderNotCancellable.class, () -> order.cancel(NOW.plusSeconds(61)));
    assertEquals(409, e.status());
    assertEquals("order-not-cancellable", e.type());
  }

  @Test
  void theLinesKeepThePriceOfThePlacingMoment() {
    var priced = line(1, 2, "5.00", "EUR");
    var order = new Order(1, List.of(priced), NOW);
    var view = order.lineViews().get(0);
    assertEquals(new BigDecimal("5.00"), view.unitPrice());
    assertEquals("SKU-1", view.sku());
    assertEquals(2, view.quantity());
  }
}
