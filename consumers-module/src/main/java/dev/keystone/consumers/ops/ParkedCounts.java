package dev.keystone.consumers.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Counts the consumers' parking table: everything parked, and the dead-lettered heads. */
@ApplicationScoped
public class ParkedCounts {

  /** Both counts of one moment. */
  record Counts(long parked, long deadLettered) {}

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  Counts read() throws SQLException {
    var sql =
        "select count(*), count(*) filter (where dead_lettered) from consumers.parked_messages";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql);
        var rs = s.executeQuery()) {
      rs.next();
      return new Counts(rs.getLong(1), rs.getLong(2));
    }
  }
}
