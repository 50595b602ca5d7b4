package dev.keystone.web.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrelationFilterTest {

  @Test
  void newIdsAreDistinctVersion4Uuids() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      var id = CorrelationFilter.newId();
      var uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(id).matches("[0-9a-f-]{36}");
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }
}
