package dev.keystone.consumerkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.consumerkit.internal.KitSchema;
import dev.keystone.consumerkit.internal.KitTransactions;
import dev.keystone.consumerkit.internal.LogSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rebuild from the log against in-memory tables and an in-memory topic (docs/consumers.md,
 * "Rebuilding a consumer"): live deliveries during the rebuild are held and acknowledged, not
 * applied and not lost; afterwards the state is the fold of the whole topic, each key in order,
 * nothing applied twice; the gate opens only when nothing is held.
 */
class RebuilderTest {

  private final FakeKitDatabase database = new FakeKitDatabase();
  private final KitTransactions transactions =
      new KitTransactions(database, database, database, database);
  private final ConsumerKit kit = new ConsumerKit();
  private final AggregateVersions versions = new AggregateVersions();
  private final List<String> counted = new CopyOnWriteArrayList<>();
  private final List<TestMessage> delivered = new ArrayList<>();
  private final TopicLog topic = new TopicLog();
  private ProjectionEffect projection;

  /** The topic in memory; {@link #duringRead} runs after the first record is read. */
  final class TopicLog implements LogSource {
    final List<String> values = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    Runnable duringRead = () -> {};
    RuntimeException failAfterFirst;

    long append(String key, String value) {
      keys.add(key);
      values.add(value);
      return values.size() - 1;
    }

    @Override
    public void readToEnd(
        Collection<String> topics, Consumer<IncomingRecord> each, LongConsumer remaining) {
      int end = values.size(); // captured at the start
      for (int i = 0; i < end; i++) {
        remaining.accept(end - i);
        each.accept(new IncomingRecord("t", 0, i, keys.get(i), values.get(i)));
        if (i == 0) {
          duringRead.run();
          if (failAfterFirst != null) {
            throw failAfterFirst;
          }
        }
      }
      remaining.accept(0);
    }
  }

  @BeforeEach
  void wire() {
    kit.transactions = transactions;
    kit.deadLetters = (consumer, record, error, attempts) -> {};
    kit.schema =
        new KitSchema() {
          @Override
          public void ensureMigrated() {
            // in memory
          }
        };
    kit.counters = (consumer, outcome) -> counted.add(outcome.name());
    kit.maxAttempts = 3;
    versions.store = database;
    projection = new ProjectionEffect("projection", database, versions);
  }

  /** Appends an event to the topic. */
  private long publish(String product, long version, UUID id) {
    return topic.append(product, TestMessage.event(id, product, version));
  }

  /** Delivers topic record {@code offset} live, as the connector does. */
  private void deliverLive(long offset) {
    var m =
        new TestMessage("t", offset, topic.keys.get((int) offset), topic.values.get((int) offset));
    delivered.add(m);
    kit.handle(projection, m).toCompletableFuture().join();
  }

  private void rebuild(long id) {
    new Rebuilder(kit, transactions, topic)
        .run(id, "runner", projection, false, List.of("t"), (read, remaining) -> {});
  }

  @Test
  void liveDeliveriesDuringARebuildAreHeldThenAppliedOnceInOrder() {
    var a2 = UUID.randomUUID();
    publish("a", 1, UUID.randomUUID());
    publish("a", 2, a2);
    publish("b", 1, UUID.randomUUID());
    for (long o = 0; o < 3; o++) {
      deliverLive(o);
    }
    assertThat(database.effects()).containsExactly("av1", "av2", "bv1");

    database.requestRebuild("projection");
    topic.duringRead =
        () -> {
          deliverLive(1); // the uncommitted tail redelivered: below the captured end
          deliverLive(publish("a", 3, UUID.randomUUID())); // new: after the end
          deliverLive(publish("c", 1, UUID.randomUUID()));
          assertThat(database.effects())
              .as("nothing applied live meanwhile")
              .containsExactly("av1");
        };
    rebuild(1);

    assertThat(database.effects())
        .as("the fold of the whole topic; each key in order; the duplicate skipped")
        .containsExactly("av1", "av2", "bv1", "av3", "cv1");
    assertThat(counted).containsExactly("APPLIED", "APPLIED", "APPLIED", "HELD", "HELD", "HELD");
    assertThat(delivered).allMatch(m -> m.acks.get() == 1 && m.nacks.get() == 0);
    assertThat(database.gateClosed("projection")).isFalse();
    assertThat(database.heldCount("projection")).isZero();

    deliverLive(publish("d", 1, UUID.randomUUID())); // the gate is open again
    assertThat(database.effects()).endsWith("cv1", "dv1");
  }

  @Test
  void aFailedRunLeavesTheGateClosedAndTheNextRunStartsOverFromTheReset() {
    for (int i = 1; i <= 3; i++) {
      deliverLive(publish("a", i, UUID.randomUUID()));
    }
    database.requestRebuild("projection");
    topic.failAfterFirst = new IllegalStateException("broker gone");
    assertThatThrownBy(() -> rebuild(7)).hasMessage("broker gone");
    deliverLive(publish("a", 4, UUID.randomUUID()));
    assertThat(database.gateClosed("projection")).isTrue();
    assertThat(database.effects()).as("half rebuilt, the live one held").containsExactly("av1");

    topic.failAfterFirst = null;
    rebuild(7);

    assertThat(database.effects()).containsExactly("av1", "av2", "av3", "av4");
    assertThat(database.gateClosed("projection")).isFalse();
  }

  @Test
  void withExternalEffectsSuppressedTheReReadRecordsSendNothingButNewEventsDo() {
    var mail = new MailEffect();
    publish("a", 1, UUID.randomUUID());
    publish("b", 1, UUID.randomUUID());
    database.requestRebuild(mail.consumer());
    topic.duringRead =
        () -> {
          var m =
              new TestMessage(
                  "t", 2, "c", topic.values.get((int) publish("c", 1, UUID.randomUUID())));
          kit.handle(mail, m).toCompletableFuture().join();
        };

    new Rebuilder(kit, transactions, topic)
        .run(3, "runner", mail, true, List.of("t"), (read, remaining) -> {});

    assertThat(database.effects()).containsExactly("recorded av1", "recorded bv1", "sent cv1");
  }

  /** An effect that leaves the system, like the mail: "sent", or "recorded" when suppressed. */
  private final class MailEffect implements EventEffect {
    private final String verb;

    MailEffect() {
      this("sent");
    }

    private MailEffect(String verb) {
      this.verb = verb;
    }

    @Override
    public String consumer() {
      return "mail";
    }

    @Override
    public void apply(ReceivedEvent event) throws SQLException {
      database.applied(verb + " " + event.aggregateId() + "v" + event.aggregateVersion());
    }

    @Override
    public boolean leavesTheSystem() {
      return true;
    }

    @Override
    public EventEffect withoutLeavingTheSystem() {
      return new MailEffect("recorded");
    }

    @Override
    public void emptyProjection() {
      database.clearEffects();
    }
  }
}
