package dev.keystone.bench;

import jakarta.transaction.UserTransaction;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * {@code POST /bench/products}: the write baseline of the outbox benchmark. The work of {@code POST
 * /api/products} (bind and validate the body, look the sku up, insert the product in one JTA
 * transaction, answer 201 with Location and ETag) without the outbox row and without the
 * publication after commit, so "writes with the outbox / without" measures what the outbox costs
 * (docs/benchmarks.md). Plain JDBC, as the WAR builds its resources itself (no CDI, no injection);
 * the row is the one the shop's entity writes (version 1), with the same two statements EclipseLink
 * sends for an identity column (the INSERT, then {@code select lastval()}). A taken sku answers
 * 409; the benchmark never sends one.
 */
@Path("products")
public class PlainWrites {

  private static final String TAKEN = "select id from products where sku = ? limit 1";
  private static final String INSERT =
      "insert into products (sku, name, price, currency, stock, category, version)"
          + " values (?, ?, ?, ?, ?, ?, ?)";
  private static final String LAST_ID = "select lastval()";
  private static final long FIRST_VERSION = 1;

  private final DataSource database;
  private final UserTransaction transaction;
  private final Validator validator;

  PlainWrites(DataSource database, UserTransaction transaction, Validator validator) {
    this.database = database;
    this.transaction = transaction;
    this.validator = validator;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(NewProductBody body, @Context UriInfo uri) throws Exception {
    if (body == null || !validator.validate(body).isEmpty()) {
      return Problems.of(400);
    }
    transaction.begin();
    try {
      ProductRow row;
      try (var connection = database.getConnection()) {
        row = taken(connection, body.sku()) ? null : insert(connection, body);
      }
      if (row == null) {
        transaction.rollback();
        return Problems.of(409);
      }
      transaction.commit();
      return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(row.id())).build())
          .tag(new EntityTag(Long.toString(row.version())))
          .entity(row)
          .build();
    } catch (Exception e) {
      rollbackQuietly();
      throw e;
    }
  }

  private static boolean taken(Connection connection, String sku) throws SQLException {
    try (var select = connection.prepareStatement(TAKEN)) {
      select.setString(1, sku);
      try (var rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static ProductRow insert(Connection connection, NewProductBody body) throws SQLException {
    try (var insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, body.sku());
      insert.setString(2, body.name());
      insert.setBigDecimal(3, body.price());
      insert.setString(4, body.currency());
      insert.setInt(5, body.stock());
      if (body.category() == null) {
        insert.setNull(6, Types.VARCHAR);
      } else {
        insert.setString(6, body.category());
      }
      insert.setLong(7, FIRST_VERSION);
      insert.executeUpdate();
    }
    try (var last = connection.prepareStatement(LAST_ID);
        var rows = last.executeQuery()) {
      rows.next();
      return new ProductRow(
          rows.getLong(1),
          body.sku(),
          body.name(),
          body.price(),
          body.currency(),
          body.stock(),
          body.category(),
          FIRST_VERSION);
    }
  }

  /** After a failure the transaction may already be gone; the original failure is what counts. */
  private void rollbackQuietly() {
    try {
      transaction.rollback();
    } catch (Exception ignored) {
      // keeps the first failure
    }
  }
}
