package dev.keystone.it.support;

import java.sql.SQLException;

/**
 * Counts the statements PostgreSQL itself executed, from {@code pg_stat_statements}: evidence from
 * the database, not a flag set by the code under test.
 */
public final class DatabaseLoads {

  private DatabaseLoads() {}

  /** How many times PostgreSQL ran a statement whose text matches the SQL LIKE pattern. */
  public static long calls(String likePattern) {
    var sql = "select coalesce(sum(calls), 0) from pg_stat_statements where query ilike ?";
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement(sql)) {
      s.setString(1, likePattern);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("pg_stat_statements is not readable", e);
    }
  }

  /**
   * A JDBC statement's text as PostgreSQL shows it (in pg_stat_statements, or to PREPARE): its
   * {@code ?} parameters numbered {@code $1}, {@code $2}, ….
   */
  public static String serverText(String jdbcSql) {
    var sql = new StringBuilder();
    int parameter = 0;
    for (char ch : jdbcSql.toCharArray()) {
      if (ch == '?') {
        sql.append('$').append(++parameter);
      } else {
        sql.append(ch);
      }
    }
    return sql.toString();
  }

  /** Loads of one product by id, as EclipseLink issues them for {@code em.find}. */
  public static long productFinds() {
    return calls("select % from products where (id = $1)%");
  }
}
