package dev.keystone.bench;

import java.math.BigDecimal;

/** A product as the bench endpoints answer it: the fields of the shop's product JSON. */
public record ProductRow(
    long id,
    String sku,
    String name,
    BigDecimal price,
    String currency,
    int stock,
    String category,
    long version) {}
