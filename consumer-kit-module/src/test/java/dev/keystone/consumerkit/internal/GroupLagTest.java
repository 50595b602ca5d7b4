package dev.keystone.consumerkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Lag per group and partition from committed and end offsets. */
class GroupLagTest {

  private static final TopicPartition ORDER_0 = new TopicPartition("keystone.order", 0);
  private static final TopicPartition ORDER_1 = new TopicPartition("keystone.order", 1);
  private static final TopicPartition PRODUCT_2 = new TopicPartition("keystone.product", 2);

  @Test
  void endMinusCommittedPerGroupAndPartition() {
    var noCommit = new HashMap<TopicPartition, Long>();
    noCommit.put(ORDER_1, null);
    var lags =
        GroupLag.of(
            Map.of(
                "keystone-audit", Map.of(ORDER_0, 10L, PRODUCT_2, 4L),
                "keystone-email", Map.of(ORDER_0, 12L),
                "keystone-analytics", noCommit),
            Map.of(ORDER_0, 12L, ORDER_1, 5L, PRODUCT_2, 3L));

    assertThat(lags)
        .containsOnly(
            Map.entry(new GroupLag("keystone-audit", "keystone.order", 0), 2L),
            // a commit read after the end offset that already covers it is no negative lag
            Map.entry(new GroupLag("keystone-audit", "keystone.product", 2), 0L),
            Map.entry(new GroupLag("keystone-email", "keystone.order", 0), 0L));
  }

  @Test
  void aPartitionWhoseEndIsUnknownHasNoFigure() {
    assertThat(GroupLag.of(Map.of("keystone-audit", Map.of(ORDER_0, 1L)), Map.of())).isEmpty();
  }
}
