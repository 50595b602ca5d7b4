package dev.keystone.domain.catalog;

import java.util.List;

/**
 * One page of products in id order (stable: a product never moves between pages when others are
 * added after it), with the total count of the filter for paging clients.
 */
public record ProductPage(List<ProductView> items, int page, int size, long totalItems) {

  public ProductPage {
    items = List.copyOf(items);
  }
}
