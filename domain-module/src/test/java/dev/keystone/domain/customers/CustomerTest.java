package dev.keystone.domain.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CustomerTest {

  @Test
  void theEmailIsKeptLowerCasedAndTrimmed() {
    assertEquals("ada@example.org", new Customer("Ada", " Ada@Example.ORG ").email());
  }

  @Test
  void refusesBlankNamesAndNonAddresses() {
    assertThrows(IllegalArgumentException.class, () -> new Customer(" ", "a@b.c"));
    assertThrows(IllegalArgumentException.class, () -> new Customer("Ada", "no-at-sign"));
    assertThrows(IllegalArgumentException.class, () -> new Customer("Ada", "@b.c"));
    assertThrows(NullPointerException.class, () -> new Customer("Ada", null));
  }

  @Test
  void hasNoRegistrationEventBeforeItIsPersisted() {
    assertThrows(IllegalStateException.class, () -> new Customer("Ada", "a@b.c").registered());
  }
}
