package dev.keystone.consumerkit.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** One partition of one consumer group, whose lag is a figure of {@link ConsumerLag}. */
public record GroupLag(String group, String topic, int partition) {

  /**
   * The lag of every partition a group has committed an offset for: the partition's end offset
   * minus the group's committed offset (records the group has not consumed yet), never below 0 (a
   * commit can be read after the end offset that already covers it). A partition without a
   * committed offset, or whose end offset is unknown, has no figure: the group has not consumed
   * from it yet, and 0 would be a claim.
   *
   * @param committed per group, its committed offset per partition; null when none is committed
   * @param ends the end offset per partition
   */
  public static Map<GroupLag, Long> of(
      Map<String, Map<TopicPartition, Long>> committed, Map<TopicPartition, Long> ends) {
    var lags = new HashMap<GroupLag, Long>();
    for (var group : committed.entrySet()) {
      for (var offset : group.getValue().entrySet()) {
        var end = ends.get(offset.getKey());
        if (offset.getValue() == null || end == null) {
          continue;
        }
        var tp = offset.getKey();
        lags.put(
            new GroupLag(group.getKey(), tp.topic(), tp.partition()),
            Math.max(0, end - offset.getValue()));
      }
    }
    return lags;
  }
}
