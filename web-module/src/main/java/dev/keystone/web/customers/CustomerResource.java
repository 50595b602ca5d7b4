package dev.keystone.web.customers;

import static dev.keystone.web.http.PathIds.ID;
import static dev.keystone.web.http.Preconditions.etag;

import dev.keystone.domain.customers.CustomerService;
import dev.keystone.web.KeystoneApi;
import dev.keystone.web.gateway.auth.CallerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/customers}: registration and reading one customer. */
@Path("/customers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "customers")
@APIResponse(responseCode = "401", ref = KeystoneApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = KeystoneApi.FORBIDDEN)
@APIResponse(responseCode = "429", ref = KeystoneApi.TOO_MANY_REQUESTS)
public class CustomerResource {

  @Inject CustomerService customers;
  @Inject CallerIdentity caller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a customer",
      description = "The email is unique (case-insensitive).")
  @APIResponse(
      responseCode = "201",
      description = "Registered; Location and ETag set",
      content = @Content(schema = @Schema(ref = "CustomerView")))
  @APIResponse(responseCode = "400", ref = KeystoneApi.BAD_REQUEST)
  @APIResponse(responseCode = "409", ref = KeystoneApi.CONFLICT)
  @APIResponse(responseCode = "415", ref = KeystoneApi.UNSUPPORTED)
  public Response register(@NotNull @Valid RegisterCustomerRequest body, @Context UriInfo uri) {
    var customer = customers.register(body.name(), body.email());
    var location = uri.getAbsolutePathBuilder().path(Long.toString(customer.id())).build();
    return Response.created(location).tag(etag(customer.version())).entity(customer).build();
  }

  @GET
  @Path("{id: " + ID + "}")
  @Operation(summary = "One customer", description = "ETag is the version.")
  @APIResponse(
      responseCode = "200",
      description = "The customer",
      content = @Content(schema = @Schema(ref = "CustomerView")))
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  public Response get(@PathParam("id") long id) {
    caller.requireSelfOrAdmin(id); // admin, or the customer themselves
    var customer = customers.find(id);
    return Response.ok(customer).tag(etag(customer.version())).build();
  }
}
