package dev.keystone.consumers.analytics;

import dev.keystone.consumers.schema.ConsumerSchema;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the analytics consumer's own tables; never the application's. */
@ApplicationScoped
public class SalesQueries {

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  @Inject ConsumerSchema schema;

  /** Sales per product per day in {@code [from, to]}, optionally of one product. */
  public List<DailySales> daily(LocalDate from, LocalDate to, Long productId) {
    schema.ensureMigrated();
    var sql =
        "select day, product_id, sku, currency, units, revenue from consumers.analytics_daily_sales"
            + " where day between ? and ? and (?::bigint is null or product_id = ?)"
            + " order by day, product_id, currency limit 10000";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setDate(1, Date.valueOf(from));
      s.setDate(2, Date.valueOf(to));
      s.setObject(3, productId, Types.BIGINT);
      s.setObject(4, productId, Types.BIGINT);
      var rows = new ArrayList<DailySales>();
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new DailySales(
                  rs.getDate(1).toLocalDate(),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getBigDecimal(6)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read daily sales", e);
    }
  }

  /** The {@code limit} products with the most units sold in {@code [from, to]}. */
  public List<TopProduct> top(LocalDate from, LocalDate to, int limit) {
    schema.ensureMigrated();
    var sql =
        "select product_id, max(sku), currency, sum(units), sum(revenue)"
            + " from consumers.analytics_daily_sales where day between ? and ?"
            + " group by product_id, currency having sum(units) > 0"
            + " order by sum(units) desc, sum(revenue) desc, product_id limit ?";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setDate(1, Date.valueOf(from));
      s.setDate(2, Date.valueOf(to));
      s.setInt(3, limit);
      var rows = new ArrayList<TopProduct>();
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new TopProduct(
                  rows.size() + 1,
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getBigDecimal(5)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read top products", e);
    }
  }
}
