package dev.keystone.domain.catalog;

import java.math.BigDecimal;

/** The values a new product is created from; validated at the gateway, guarded by the entity. */
public record NewProduct(
    String sku, String name, BigDecimal price, String currency, int stock, String category) {}
