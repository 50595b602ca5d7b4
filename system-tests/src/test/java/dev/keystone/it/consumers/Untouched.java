package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a rebuild of one consumer must leave as it was: everything else's rows. */
record Untouched(String consumer, List<Set<String>> before) {

  static Untouched besides(String consumer, List<List<String>> otherConsumer) throws Exception {
    return new Untouched(consumer, snapshot(consumer, otherConsumer));
  }

  /**
   * Every row from before is still there, unchanged (the live writes only add rows, and move
   * versions and mail states on, which the snapshot leaves out).
   */
  void assertStillThere(List<List<String>> otherConsumer) throws Exception {
    var now = snapshot(consumer, otherConsumer);
    for (int i = 0; i < before.size(); i++) {
      assertThat(now.get(i)).as("table %d", i).containsAll(before.get(i));
    }
  }

  private static List<Set<String>> snapshot(String consumer, List<List<String>> other)
      throws Exception {
    var others = " where consumer <> '" + consumer + "'";
    var rows = new ArrayList<Set<String>>();
    rows.add(set("select consumer || ' ' || event_id from consumers.processed_events" + others));
    rows.add(
        set(
            // a version moves on with the live writes; the row must stay
            "select consumer || ' ' || aggregate_type || ' ' || aggregate_id"
                + " from consumers.consumer_versions"
                + others));
    rows.add(set("select consumer || ' ' || seq from consumers.parked_messages" + others));
    rows.add(
        set(
            "select customer_id || ' ' || email || ' ' || version"
                + " from consumers.email_customers"));
    rows.add(set("select event_id from consumers.email_outbox" + " where status <> 'pending'"));
    rows.add(set("select id || ' ' || email || ' ' || version from customers"));
    rows.add(set("select id || ' ' || status || ' ' || version from orders"));
    other.forEach(t -> rows.add(Set.copyOf(t)));
    return rows;
  }

  private static Set<String> set(String sql) throws Exception {
    return Set.copyOf(ProjectionRows.rows(sql, false));
  }
}
