package dev.keystone.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PreconditionsTest {

  @Test
  void readsStrongAndWeakTags() {
    assertEquals(3L, Preconditions.versionOf("\"3\""));
    assertEquals(3L, Preconditions.versionOf("W/\"3\""));
    assertEquals(12L, Preconditions.versionOf(" 12 "));
  }

  @Test
  void anythingButOneVersionCanNeverMatch() {
    assertNull(Preconditions.versionOf("*"));
    assertNull(Preconditions.versionOf("\"1\", \"2\""));
    assertNull(Preconditions.versionOf("\"abc\""));
    assertNull(Preconditions.versionOf("\"\""));
    assertNull(Preconditions.versionOf("99999999999999999999"));
  }
}
