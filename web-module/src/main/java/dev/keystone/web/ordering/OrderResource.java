package dev.keystone.web.ordering;

import static dev.keystone.web.http.PathIds.ID;
import static dev.keystone.web.http.Preconditions.etag;

import dev.keystone.cache.CacheStatus;
import dev.keystone.domain.ordering.CustomersOrder;
import dev.keystone.domain.ordering.OrderLookup;
import dev.keystone.domain.ordering.OrderService;
import dev.keystone.domain.ordering.OrderView;
import dev.keystone.web.KeystoneApi;
import dev.keystone.web.gateway.auth.CallerIdentity;
import dev.keystone.web.gateway.auth.NotOwner;
import dev.keystone.web.http.Created;
import dev.keystone.web.http.IdempotentPosts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/orders}: placing, reading and cancelling orders. */
@Path("/orders")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
@APIResponse(responseCode = "401", ref = KeystoneApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = KeystoneApi.FORBIDDEN)
@APIResponse(responseCode = "429", ref = KeystoneApi.TOO_MANY_REQUESTS)
public class OrderResource {

  @Inject OrderService orders;
  @Inject OrderLookup lookup;
  @Inject CacheStatus cacheStatus;
  @Inject IdempotentPosts idempotent;
  @Inject CallerIdentity caller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Place an order",
      description =
          "Reserves the stock of every line, all or nothing, and prices the lines from the catalog."
              + " Honours Idempotency-Key.")
  @APIResponse(
      responseCode = "201",
      description = "Placed; Location and ETag set",
      content = @Content(schema = @Schema(ref = "OrderView")))
  @APIResponse(responseCode = "400", ref = KeystoneApi.BAD_REQUEST)
  @APIResponse(responseCode = "409", ref = KeystoneApi.CONFLICT)
  @APIResponse(responseCode = "415", ref = KeystoneApi.UNSUPPORTED)
  @APIResponse(responseCode = "422", ref = KeystoneApi.UNPROCESSABLE)
  public Response place(
      @Parameter(description = "Makes a retry safe: same key and body → the first response")
          @HeaderParam(IdempotentPosts.HEADER)
          String key,
      @NotNull @Valid PlaceOrderRequest body,
      @Context UriInfo uri) {
    caller.requireSelfOrAdmin(body.customerId()); // a customer orders only for themselves
    return idempotent.create(
        "POST /api/orders",
        key,
        body,
        () -> {
          var order = orders.place(body.toCommand());
          var location = uri.getAbsolutePathBuilder().path(Long.toString(order.id())).build();
          return new Created(location, order.version(), order);
        });
  }

  @GET
  @Path("{id: " + ID + "}")
  @Operation(summary = "One order (cached read)", description = "ETag is the version.")
  @APIResponse(
      responseCode = "200",
      description = "The order; Cache-Status tells hit or miss",
      content = @Content(schema = @Schema(ref = "OrderView")))
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  public Response get(@PathParam("id") long id) {
    var order = readable(id);
    var response = Response.ok(cacheStatus.entity(order)).tag(etag(order.version()));
    if (cacheStatus.outcome() != null) {
      response.header("Cache-Status", cacheStatus.outcome().header());
    }
    return response.build();
  }

  @POST
  @Path("{id: " + ID + "}/cancel")
  @Operation(summary = "Cancel a placed order", description = "Returns its stock.")
  @APIResponse(
      responseCode = "200",
      description = "Cancelled",
      content = @Content(schema = @Schema(ref = "OrderView")))
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = KeystoneApi.CONFLICT)
  public Response cancel(@PathParam("id") long id) {
    readable(id); // the owner is fixed at placing: checked once, before the change
    var order = orders.cancel(id);
    return Response.ok(order).tag(etag(order.version())).build();
  }

  /**
   * The order, if this caller may see it: an admin reads any order, a customer reads through their
   * own cache key, so someone else's order is refused (403) before the read can fill the cache.
   */
  private OrderView readable(long id) {
    if (caller.isAdmin()) {
      return lookup.find(id);
    }
    var own = caller.customerId();
    if (own.isEmpty()) {
      throw new NotOwner();
    }
    return lookup.findFor(new CustomersOrder(id, own.getAsLong()));
  }
}
