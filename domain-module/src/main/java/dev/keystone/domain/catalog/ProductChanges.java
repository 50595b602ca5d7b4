package dev.keystone.domain.catalog;

import java.math.BigDecimal;

/**
 * The new descriptive values of a product (a full replacement); the sku and stock never change
 * here.
 */
public record ProductChanges(String name, BigDecimal price, String currency, String category) {}
