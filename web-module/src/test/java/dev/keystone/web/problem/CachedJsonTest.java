package dev.keystone.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keystone.cache.internal.CacheJson;
import dev.keystone.domain.catalog.ProductView;
import dev.keystone.domain.ordering.OrderStatus;
import dev.keystone.domain.ordering.OrderView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cached read sends the cache's JSON as the response body (CacheStatus.entity): it must be byte
 * for byte what the API's own JSON-B would have written, nulls and all.
 */
class CachedJsonTest {

  @Test
  void aProductRendersAlikeInTheCacheAndInTheApi() {
    var withCategory =
        new ProductView(7, "SKU-7", "Seven", new BigDecimal("3.5000"), "EUR", 5, "tools", 3);
    var withoutCategory =
        new ProductView(8, "SKU-8", "Eight", new BigDecimal("1"), "EUR", 0, null, 1);
    for (var product : List.of(withCategory, withoutCategory)) {
      assertEquals(
          StrictJsonConfig.jsonb().toJson(product), CacheJson.write(product, ProductView.class));
    }
  }

  @Test
  void anOrderRendersAlikeInTheCacheAndInTheApi() {
    var line = new OrderView.Line(7, "SKU-7", 2, new BigDecimal("3.50"), "EUR");
    var placed = Instant.parse("2026-11-29T17:00:00.123456Z");
    var open =
        new OrderView(
            1,
            2,
            OrderStatus.values()[0],
            List.of(line),
            new BigDecimal("7.00"),
            "EUR",
            placed,
            null,
            1);
    var cancelled =
        new OrderView(
            1,
            2,
            OrderStatus.values()[0],
            List.of(line, line),
            new BigDecimal("14.00"),
            "EUR",
            placed,
            placed.plusSeconds(60),
            2);
    for (var order : List.of(open, cancelled)) {
      assertEquals(StrictJsonConfig.jsonb().toJson(order), CacheJson.write(order, OrderView.class));
    }
  }
}
