package dev.keystone.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /bare/noop}: a constant of about a product's size and shape, nothing else. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class NoopResource {

  private static final String PRODUCT_LIKE =
      "{\"category\":\"bench\",\"currency\":\"EUR\",\"id\":1,\"name\":\"Bench product\","
          + "\"price\":3.5,\"sku\":\"BENCH-00000000\",\"stock\":5,\"version\":1}";

  @GET
  @Path("noop")
  public String noop() {
    return PRODUCT_LIKE;
  }
}
