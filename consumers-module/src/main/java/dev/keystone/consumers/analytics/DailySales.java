package dev.keystone.consumers.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One product's sales on one day, in one currency. */
public record DailySales(
    LocalDate day, long productId, String sku, String currency, long units, BigDecimal revenue) {}
