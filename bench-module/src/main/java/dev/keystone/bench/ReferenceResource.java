package dev.keystone.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The read reference points, each on the same node as the real endpoint it is compared with: {@code
 * noop} (JAX-RS and the token check alone, the floor), {@code redis/{id}} (one Jedis GET of the
 * product's cached bytes, returned as they are) and {@code db/{id}} (one plain SQL read of the
 * product, no JPA and no cache).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceResource {

  /** About the size and shape of a product's JSON, so the floor sends what a hit sends. */
  private static final String PRODUCT_LIKE =
      "{\"category\":\"bench\",\"currency\":\"EUR\",\"id\":1,\"name\":\"Bench product\","
          + "\"price\":3.5,\"sku\":\"BENCH-00000000\",\"stock\":5,\"version\":1}";

  private static final String SELECT =
      "select id, sku, name, price, currency, stock, category, version from products where id = ?";

  private final BareRedis redis;
  private final DataSource database;

  ReferenceResource(BareRedis redis, DataSource database) {
    this.redis = redis;
    this.database = database;
  }

  @GET
  @Path("noop")
  public String noop() {
    return PRODUCT_LIKE;
  }

  @GET
  @Path("redis/{id: [0-9]{1,18}}")
  public String redis(@PathParam("id") long id) {
    var bytes = redis.get(BareRedis.productKey(id));
    if (bytes == null) {
      throw new NotFoundException();
    }
    return bytes;
  }

  @GET
  @Path("db/{id: [0-9]{1,18}}")
  public ProductRow database(@PathParam("id") long id) throws SQLException {
    try (var connection = database.getConnection();
        var select = connection.prepareStatement(SELECT)) {
      select.setLong(1, id);
      try (var rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new NotFoundException();
        }
        return new ProductRow(
            rows.getLong(1),
            rows.getString(2),
            rows.getString(3),
            rows.getBigDecimal(4),
            rows.getString(5),
            rows.getInt(6),
            rows.getString(7),
            rows.getLong(8));
      }
    }
  }
}
