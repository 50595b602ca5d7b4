package dev.keystone.consumers.email;

import dev.keystone.consumerkit.AggregateVersions;
import dev.keystone.consumerkit.EventEffect;
import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumers.schema.ConsumerSchema;
import dev.keystone.platform.tracing.TraceContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The email consumer's effect, in the kit's transaction. {@code CustomerRegistered} updates its own
 * projection of customers (version-guarded), so the consumer learns addresses from events alone and
 * never asks the application. {@code OrderPlaced} and {@code OrderCancelled} each write one outbox
 * row keyed by the event id (so one event can never yield two mails); the address is looked up at
 * sending time, so an order that arrives before its customer waits instead of being lost.
 *
 * <p>Its effect leaves the system, so it is rebuilt from the log only with mail suppressed ({@link
 * #withoutLeavingTheSystem()}): a re-read event that finds no outbox row writes one as {@code
 * suppressed}, which the sender never sends (docs/consumers.md, "Rebuilding a consumer").
 */
@ApplicationScoped
public class EmailEffect implements EventEffect {

  @Inject ConsumerSchema schema;

  static final String CONSUMER = "email";

  /** An outbox row the sender delivers. */
  static final String PENDING = "pending";

  /** An outbox row a rebuild with mail suppressed wrote: never sent. */
  static final String SUPPRESSED = "suppressed";

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  @Inject AggregateVersions versions;

  @Override
  public void prepareStorage() {
    schema.ensureMigrated();
  }

  @Override
  public String consumer() {
    return CONSUMER;
  }

  @Override
  public void apply(ReceivedEvent event) throws SQLException {
    apply(event, PENDING);
  }

  @Override
  public List<String> channels() {
    return List.of(EmailConsumer.CUSTOMERS, EmailConsumer.ORDERS);
  }

  @Override
  public boolean leavesTheSystem() {
    return true;
  }

  /**
   * Empties the address projection. The outbox is kept: it records mail that left the system (or is
   * still owed), a fact of the outside world rather than state derived from the log; a re-read
   * event finds its row there (keyed by event id) and adds none.
   */
  @Override
  public void emptyProjection() throws SQLException {
    try (var c = dataSource.getConnection();
        var s = c.createStatement()) {
      s.execute("truncate consumers.email_customers");
    }
  }

  /** The same state; the outbox rows it writes are {@code suppressed}, never sent. */
  @Override
  public EventEffect withoutLeavingTheSystem() {
    var full = this;
    return new EventEffect() {
      @Override
      public String consumer() {
        return CONSUMER;
      }

      @Override
      public void apply(ReceivedEvent event) throws SQLException {
        full.apply(event, SUPPRESSED);
      }

      @Override
      public boolean readsSchemaVersion(String type, int version) {
        return full.readsSchemaVersion(type, version);
      }

      @Override
      public void prepareStorage() {
        full.prepareStorage();
      }
    };
  }

  private void apply(ReceivedEvent event, String mailStatus) throws SQLException {
    switch (event.type()) {
      case "dev.keystone.customer.registered" -> customer(event);
      case "dev.keystone.order.placed" -> mail(event, "placed", mailStatus);
      case "dev.keystone.order.cancelled" -> mail(event, "cancelled", mailStatus);
      default -> {
        // other events carry nothing to mail about
      }
    }
  }

  private void customer(ReceivedEvent event) throws SQLException {
    if (!versions.advance(CONSUMER, event)) {
      return;
    }
    var address = CustomerAddress.of(event.data());
    var sql =
        "insert into consumers.email_customers as c (customer_id, name, email, version)"
            + " values (?,?,?,?) on conflict (customer_id) do update set name = excluded.name,"
            + " email = excluded.email, version = excluded.version"
            + " where c.version < excluded.version";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, event.aggregateId());
      s.setString(2, address.name());
      s.setString(3, address.email());
      s.setLong(4, event.aggregateVersion());
      s.executeUpdate();
    }
  }

  private void mail(ReceivedEvent event, String kind, String status) throws SQLException {
    if (!versions.advance(CONSUMER, event)) {
      return; // e.g. a placement delivered after its cancellation: no stale confirmation
    }
    var order = OrderFacts.of(event.data());
    var sql =
        "insert into consumers.email_outbox (event_id, kind, order_id, customer_id, total,"
            + " currency, traceparent, tracestate, status) values (?,?,?,?,?,?,?,?,?)"
            + " on conflict do nothing";
    // the processing span's context: the SMTP send, later, continues this trace
    var trace = TraceContext.current();
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setObject(1, event.id());
      s.setString(2, kind);
      s.setString(3, event.aggregateId());
      s.setString(4, order.customerId());
      s.setBigDecimal(5, order.total());
      s.setString(6, order.currency());
      s.setString(7, trace.traceparent());
      s.setString(8, trace.tracestate());
      s.setString(9, status);
      s.executeUpdate();
    }
  }
}
