package dev.keystone.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DecodedValuesTest {

  public record Item(long id, String name) {}

  private final DecodedValues decoded = new DecodedValues();

  @Test
  void unchangedBytesAreDecodedOnce() {
    var first = decoded.decode("k", "{\"id\":1,\"name\":\"a\"}", Item.class);
    var second = decoded.decode("k", new String("{\"id\":1,\"name\":\"a\"}"), Item.class);
    assertEquals(new Item(1, "a"), first);
    assertSame(first, second);
  }

  @Test
  void changedBytesAreDecodedAgain() {
    var first = decoded.decode("k", "{\"id\":1,\"name\":\"a\"}", Item.class);
    var second = decoded.decode("k", "{\"id\":1,\"name\":\"b\"}", Item.class);
    assertNotSame(first, second);
    assertEquals(new Item(1, "b"), second);
  }
}
