package dev.keystone.consumers.analytics;

import java.math.BigDecimal;

/** A product's sales over a period, ranked by units. */
public record TopProduct(
    int rank, long productId, String sku, String currency, long units, BigDecimal revenue) {}
