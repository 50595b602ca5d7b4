package dev.keystone.it.cluster;

import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The events of a topic on the cluster's brokers, read whole ({@link Topics#readToEnd}: every
 * partition from its beginning to its end offsets at the start of the read, so duplicates and
 * strays are seen too), with what the tallies compare.
 */
final class WholeTopic {

  /** One published event: its key (the aggregate id), event id, aggregate version, position. */
  record Event(String key, UUID id, long version, int partition, long offset) {}

  private WholeTopic() {}

  static List<Event> read(String bootstrap, String topic, Set<String> keys) {
    var events = new ArrayList<Event>();
    for (var r : Topics.readToEnd(bootstrap, topic, Duration.ofSeconds(120))) {
      if (keys.contains(r.key())) {
        var json = Json.createReader(new StringReader(r.value())).readObject();
        events.add(
            new Event(
                r.key(),
                UUID.fromString(json.getString("id")),
                json.getJsonNumber("aggregateversion").longValue(),
                r.partition(),
                r.offset()));
      }
    }
    return events;
  }

  /**
   * Keys whose versions do not strictly increase along the partition (in offset order), first
   * copies of each event only.
   */
  static List<String> disorder(List<Event> events) {
    var last = new HashMap<String, Event>();
    var firsts = new java.util.HashSet<UUID>();
    var disorder = new ArrayList<String>();
    events.stream()
        .sorted(
            java.util.Comparator.comparingInt(Event::partition).thenComparingLong(Event::offset))
        .filter(e -> firsts.add(e.id())) // a re-sent event is counted as a duplicate instead
        .forEach(
            e -> {
              var previous = last.put(e.key(), e);
              if (previous != null && e.version() <= previous.version()) {
                disorder.add(e.key() + ": v" + previous.version() + " then v" + e.version());
              }
            });
    return disorder;
  }
}
