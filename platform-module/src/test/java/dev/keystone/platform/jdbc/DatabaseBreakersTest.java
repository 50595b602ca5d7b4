package dev.keystone.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseBreakersTest {

  @Test
  void requestsGetThePoolLessTheBackgroundWorksConnections() {
    var bulkhead = new DatabaseBreakers().bulkhead(40, 12, 500);

    assertThat(bulkhead.available()).isEqualTo(28);
  }

  @Test
  void aPoolNoLargerThanTheReserveIsRefusedAtStartUpWithBothSettingsNamed() {
    assertThatThrownBy(() -> DatabaseBreakers.requestPermits(12, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KEYSTONE_DB_POOL_MAX")
        .hasMessageContaining("keystone.db.background-connections 12");
    assertThatThrownBy(() -> DatabaseBreakers.requestPermits(40, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
