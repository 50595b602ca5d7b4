package dev.keystone.consumers.analytics;

import dev.keystone.consumerkit.AggregateVersions;
import dev.keystone.consumerkit.EventEffect;
import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumers.schema.ConsumerSchema;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/**
 * The analytics effect. {@code OrderPlaced} adds each line's units and revenue to its product's day
 * (the UTC day the order was placed) and keeps the lines; {@code OrderCancelled} subtracts exactly
 * those lines on that same day. Both are guarded by the order's version, so a placement delivered
 * after its own cancellation is skipped (net zero, as it should be), and the kit's dedup makes the
 * additions happen once per event.
 */
@ApplicationScoped
public class SalesProjection implements EventEffect {

  @Inject ConsumerSchema schema;

  static final String CONSUMER = "analytics";
  static final String PLACED = "dev.keystone.order.placed";
  static final String CANCELLED = "dev.keystone.order.cancelled";

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
  public List<String> channels() {
    return List.of(AnalyticsConsumer.ORDERS);
  }

  @Override
  public void emptyProjection() throws SQLException {
    try (var c = dataSource.getConnection();
        var s = c.createStatement()) {
      s.execute("truncate consumers.analytics_daily_sales, consumers.analytics_orders");
    }
  }

  @Override
  public void apply(ReceivedEvent event) throws SQLException {
    if (!PLACED.equals(event.type()) && !CANCELLED.equals(event.type())) {
      return;
    }
    if (!versions.advance(CONSUMER, event)) {
      return;
    }
    if (PLACED.equals(event.type())) {
      placed(event.aggregateId(), event.data());
    } else {
      cancelled(event.aggregateId());
    }
  }

  private void placed(String orderId, JsonObject data) throws SQLException {
    var order = PlacedOrder.of(data);
    book(order.day(), order.currency(), order.soldLines(), 1);
    var sql =
        "insert into consumers.analytics_orders (order_id, day, currency, lines) values (?,?,?,?)"
            + " on conflict do nothing";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, orderId);
      s.setDate(2, Date.valueOf(order.day()));
      s.setString(3, order.currency());
      s.setString(4, order.lines().toString());
      s.executeUpdate();
    }
  }

  private void cancelled(String orderId) throws SQLException {
    var sql =
        "update consumers.analytics_orders set cancelled = true where order_id = ?"
            + " and not cancelled returning day, currency, lines";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, orderId);
      try (var rs = s.executeQuery()) {
        if (rs.next()) {
          var lines = Json.createReader(new StringReader(rs.getString(3))).readArray();
          book(rs.getDate(1).toLocalDate(), rs.getString(2), SoldLine.all(lines), -1);
        }
      }
    }
  }

  /** Adds ({@code sign} 1) or subtracts (-1) the lines' units and revenue on their day. */
  private void book(LocalDate day, String currency, List<SoldLine> lines, int sign)
      throws SQLException {
    var sql =
        "insert into consumers.analytics_daily_sales as d (day, product_id, sku, currency, units,"
            + " revenue) values (?,?,?,?,?,?) on conflict (day, product_id, currency) do update"
            + " set units = d.units + excluded.units, revenue = d.revenue + excluded.revenue";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      for (var line : lines) {
        long units = (long) sign * line.quantity();
        s.setDate(1, Date.valueOf(day));
        s.setLong(2, line.productId());
        s.setString(3, line.sku());
        s.setString(4, currency);
        s.setLong(5, units);
        s.setBigDecimal(6, line.revenue(units));
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
