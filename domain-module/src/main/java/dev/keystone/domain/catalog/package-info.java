/**
 * The catalog: products with a sku, a name, a price in a currency, a stock level and a category.
 * Exposes {@link dev.keystone.domain.catalog.ProductService} (the use cases), {@link
 * dev.keystone.domain.catalog.ProductView} (what reads return and the cache stores) and the {@link
 * dev.keystone.domain.catalog.ProductEvents} it emits.
 */
package dev.keystone.domain.catalog;
