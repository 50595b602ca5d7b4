package dev.keystone.consumers.ops;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /consumers/ops/summary} answers.
 *
 * @param at when the figures were gathered
 * @param groups every {@code keystone-*} consumer group with committed offsets, by name
 * @param kafkaError why the lag could not be read just now ({@code groups} then holds the last
 *     figures read), else {@code null}
 * @param parked messages in the parking table (the failed heads and those waiting behind them)
 * @param deadLettered parked messages that failed every attempt and went to a dead-letter topic
 */
public record ConsumersSummary(
    Instant at, List<GroupLag> groups, String kafkaError, long parked, long deadLettered) {

  /**
   * One consumer group.
   *
   * @param lag records on its topics' partitions after its committed offsets, summed
   * @param partitions partitions it has committed offsets for
   */
  public record GroupLag(String group, long lag, int partitions) {}
}
