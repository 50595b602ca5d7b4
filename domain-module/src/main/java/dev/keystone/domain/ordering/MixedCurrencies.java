package dev.keystone.domain.ordering;

import dev.keystone.domain.shared.Unprocessable;
import java.util.Set;

/**
 * An order's lines are priced in more than one currency. An order has one total in one currency,
 * and the shop does not convert, so such an order is refused (422) rather than summed wrongly.
 */
public final class MixedCurrencies extends Unprocessable {

  private static final long serialVersionUID = 1L;

  public MixedCurrencies(Set<String> currencies) {
    super(
        "mixed-currencies",
        "The products of one order must share one currency; these are priced in "
            + String.join(", ", currencies.stream().sorted().toList())
            + ".");
  }
}
