package dev.keystone.web.catalog;

import dev.keystone.domain.cache.CacheStatus;
import dev.keystone.domain.catalog.ProductService;
import dev.keystone.domain.catalog.ProductView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/products}: the catalog over HTTP. */
@Path("/products")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

  @Inject ProductService products;
  @Inject CacheStatus cacheStatus;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@NotNull @Valid CreateProductRequest body, @Context UriInfo uri) {
    var product = products.create(body.toCommand());
    var location = uri.getAbsolutePathBuilder().path(Long.toString(product.id())).build();
    return Response.created(location).tag(etag(product)).entity(product).build();
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") long id) {
    var product = products.find(id);
    var response = Response.ok(product).tag(etag(product));
    if (cacheStatus.outcome() != null) {
      response.header("Cache-Status", cacheStatus.outcome().header());
    }
    return response.build();
  }

  static EntityTag etag(ProductView product) {
    return new EntityTag(Long.toString(product.version()));
  }
}
