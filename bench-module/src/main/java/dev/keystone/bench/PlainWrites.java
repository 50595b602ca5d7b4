package dev.keystone.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /bench/products}: the write baseline of the outbox benchmark. The work of {@code POST
 * /api/products} (bind and validate the body, look the sku up, persist and flush the product in one
 * JTA transaction, answer 201 with Location and ETag) without the outbox row and without the
 * publication after commit, so "writes with the outbox / without" measures what the outbox costs
 * (docs/benchmarks.md). A taken sku answers 409; the benchmark never sends one.
 */
@Path("products")
@ApplicationScoped
public class PlainWrites {

  @PersistenceContext(unitName = "bench")
  EntityManager em;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  public Response create(@NotNull @Valid NewProductBody body, @Context UriInfo uri) {
    boolean taken =
        !em.createNamedQuery(PlainProduct.ID_BY_SKU, Long.class)
            .setParameter("sku", body.sku())
            .setMaxResults(1)
            .getResultList()
            .isEmpty();
    if (taken) {
      return Problems.of(409);
    }
    var product = new PlainProduct(body);
    em.persist(product);
    em.flush(); // assigns id and version, as the shop's write does
    var row = product.row();
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(row.id())).build())
        .tag(new EntityTag(Long.toString(row.version())))
        .entity(row)
        .build();
  }
}
