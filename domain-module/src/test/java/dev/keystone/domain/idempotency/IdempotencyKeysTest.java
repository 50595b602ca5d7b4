package dev.keystone.domain.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

  @Test
  void theRequestHashFitsTheColumnAndTellsRequestsApart() {
    var a = IdempotencyKeys.sha256("{\"a\":1}");
    assertEquals(64, a.length());
    assertEquals(a, IdempotencyKeys.sha256("{\"a\":1}"));
    assertNotEquals(a, IdempotencyKeys.sha256("{\"a\":2}"));
  }
}
