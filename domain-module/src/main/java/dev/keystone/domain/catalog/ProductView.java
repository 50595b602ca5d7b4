package dev.keystone.domain.catalog;

import dev.keystone.cache.Versioned;
import java.math.BigDecimal;

/**
 * A product as reads return it and as the cache stores it: plain values and the version it was read
 * at (the HTTP {@code ETag} and the cache's version fence).
 */
public record ProductView(
    long id,
    String sku,
    String name,
    BigDecimal price,
    String currency,
    int stock,
    String category,
    long version)
    implements Versioned {}
