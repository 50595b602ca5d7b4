package dev.keystone.web.catalog;

import static dev.keystone.web.http.PathIds.ID;
import static dev.keystone.web.http.Preconditions.etag;

import dev.keystone.cache.CacheStatus;
import dev.keystone.domain.catalog.ProductCatalog;
import dev.keystone.domain.catalog.ProductPage;
import dev.keystone.domain.catalog.ProductService;
import dev.keystone.domain.catalog.StockService;
import dev.keystone.web.KeystoneApi;
import dev.keystone.web.http.Created;
import dev.keystone.web.http.IdempotentPosts;
import dev.keystone.web.http.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/products}: the catalog over HTTP, a thin adapter to the catalog's services. */
@Path("/products")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "products")
@APIResponse(responseCode = "401", ref = KeystoneApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = KeystoneApi.FORBIDDEN)
@APIResponse(responseCode = "429", ref = KeystoneApi.TOO_MANY_REQUESTS)
public class ProductResource {

  @Inject ProductService products;
  @Inject ProductCatalog catalog;
  @Inject StockService stock;
  @Inject CacheStatus cacheStatus;
  @Inject IdempotentPosts idempotent;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a product", description = "Honours Idempotency-Key.")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location and ETag set",
      content = @Content(schema = @Schema(ref = "ProductView")))
  @APIResponse(responseCode = "400", ref = KeystoneApi.BAD_REQUEST)
  @APIResponse(responseCode = "409", ref = KeystoneApi.CONFLICT)
  @APIResponse(responseCode = "415", ref = KeystoneApi.UNSUPPORTED)
  @APIResponse(responseCode = "422", ref = KeystoneApi.UNPROCESSABLE)
  public Response create(
      @Parameter(description = "Makes a retry safe: same key and body → the first response")
          @HeaderParam(IdempotentPosts.HEADER)
          String key,
      @NotNull @Valid CreateProductRequest body,
      @Context UriInfo uri) {
    return idempotent.create(
        "POST /api/products",
        key,
        body,
        () -> {
          var product = products.create(body.toCommand());
          var location = uri.getAbsolutePathBuilder().path(Long.toString(product.id())).build();
          return new Created(location, product.version(), product);
        });
  }

  @GET
  @Operation(summary = "A page of products, by id, optionally of one category")
  @APIResponse(
      responseCode = "200",
      description = "The page",
      content = @Content(schema = @Schema(ref = "ProductPage")))
  @APIResponse(responseCode = "400", ref = KeystoneApi.BAD_REQUEST)
  public ProductPage list(@Valid @BeanParam ProductQuery query) {
    return catalog.page(query.category(), query.page(), query.size());
  }

  @GET
  @Path("{id: " + ID + "}")
  @Operation(summary = "One product (cached read)", description = "ETag is the version.")
  @APIResponse(
      responseCode = "200",
      description = "The product; Cache-Status tells hit or miss",
      content = @Content(schema = @Schema(ref = "ProductView")))
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  public Response get(@PathParam("id") long id) {
    var product = products.find(id);
    var response = Response.ok(cacheStatus.entity(product)).tag(etag(product.version()));
    if (cacheStatus.outcome() != null) {
      response.header("Cache-Status", cacheStatus.outcome().header());
    }
    return response.build();
  }

  @PUT
  @Path("{id: " + ID + "}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a product's name, price, currency and category")
  @APIResponse(
      responseCode = "200",
      description = "Changed; the new ETag",
      content = @Content(schema = @Schema(ref = "ProductView")))
  @APIResponse(responseCode = "400", ref = KeystoneApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  @APIResponse(responseCode = "412", ref = KeystoneApi.PRECONDITION_FAILED)
  @APIResponse(responseCode = "415", ref = KeystoneApi.UNSUPPORTED)
  @APIResponse(responseCode = "428", ref = KeystoneApi.PRECONDITION_REQUIRED)
  public Response update(
      @PathParam("id") long id,
      @Parameter(in = ParameterIn.HEADER, required = true, description = "The ETag last read")
          @HeaderParam("If-Match")
          String ifMatch,
      @NotNull @Valid UpdateProductRequest body) {
    var product = catalog.change(id, Preconditions.expectedVersion(ifMatch), body.toChanges());
    return Response.ok(product).tag(etag(product.version())).build();
  }

  @POST
  @Path("{id: " + ID + "}/stock-adjustments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Adjust a product's stock by a delta",
      description =
          "Answers 200 with the product after the change (an adjustment is not a resource).")
  @APIResponse(
      responseCode = "200",
      description = "The product with its new stock and ETag",
      content = @Content(schema = @Schema(ref = "ProductView")))
  @APIResponse(responseCode = "400", ref = KeystoneApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = KeystoneApi.CONFLICT)
  @APIResponse(responseCode = "415", ref = KeystoneApi.UNSUPPORTED)
  public Response adjustStock(@PathParam("id") long id, @NotNull @Valid AdjustStockRequest body) {
    var product = stock.adjust(id, body.delta(), body.reason());
    return Response.ok(product).tag(etag(product.version())).build();
  }
}
