package dev.keystone.web.me;

import dev.keystone.web.KeystoneApi;
import dev.keystone.web.gateway.auth.CallerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/me}: the caller as the gateway established it from the bearer token (subject,
 * name, roles), so a client can learn which routes its token opens without trying them. It reads
 * nothing else: the whole gateway and a small answer, which also makes it the benchmark's measure
 * of what the gateway costs (docs/benchmarks.md).
 */
@Path("/me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "caller")
@APIResponse(responseCode = "401", ref = KeystoneApi.UNAUTHORIZED)
@APIResponse(responseCode = "429", ref = KeystoneApi.TOO_MANY_REQUESTS)
public class MeResource {

  /** The answer: the token's {@code sub}, the caller's name and roles (sorted). */
  public record Me(String subject, String name, Set<String> roles) {}

  @Inject CallerIdentity identity;

  @GET
  @Operation(summary = "The caller", description = "Subject, name and roles from the token.")
  @APIResponse(
      responseCode = "200",
      description = "The caller",
      content = @Content(schema = @Schema(implementation = Me.class)))
  public Me me() {
    var caller = identity.caller();
    return new Me(caller.subject(), caller.name(), new TreeSet<>(caller.roles()));
  }
}
