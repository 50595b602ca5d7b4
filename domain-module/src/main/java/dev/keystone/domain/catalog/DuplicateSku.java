package dev.keystone.domain.catalog;

import dev.keystone.domain.shared.Conflict;

/** Another product already has this sku. */
public final class DuplicateSku extends Conflict {

  private static final long serialVersionUID = 1L;

  public DuplicateSku(String sku) {
    super("duplicate-sku", "A product with sku '" + sku + "' already exists.");
  }
}
