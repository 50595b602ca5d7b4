package dev.keystone.consumers.admin;

import dev.keystone.consumerkit.ParkedMessages;
import dev.keystone.consumerkit.Replays;
import dev.keystone.consumers.schema.ConsumerSchema;
import dev.keystone.platform.problem.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;

/**
 * Parked messages (see the kit's {@code ConsumerKit}):
 *
 * <ul>
 *   <li>{@code GET /consumers/admin/parked?consumer=} lists them, per consumer and key, in order;
 *   <li>{@code POST /consumers/admin/parked/{consumer}/{key}/replay} applies a key's parked
 *       messages in order through the consumer's effect (after the cause was fixed); 200 when the
 *       key is free again, 409 with the error when its head fails again (it stays parked);
 *   <li>{@code DELETE /consumers/admin/parked/{consumer}/{key}/{seq}} discards one message (e.g. a
 *       poison head that can never apply) and {@code DELETE .../{consumer}/{key}} all of a key.
 * </ul>
 */
@Path("/admin/parked")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ParkedResource {

  @Inject ParkedMessages parked;
  @Inject Replays replays;
  @Inject ConsumerSchema schema;

  @GET
  public Response list(@QueryParam("consumer") String consumer) throws SQLException {
    schema.ensureMigrated();
    return Response.ok(parked.list(consumer)).build();
  }

  @POST
  @Path("/{consumer}/{key}/replay")
  public Response replay(@PathParam("consumer") String consumer, @PathParam("key") String key) {
    schema.ensureMigrated();
    var effect = replays.effect(consumer);
    if (effect.isEmpty()) {
      return Problem.notFound("No consumer named " + consumer);
    }
    var result = replays.replay(effect.get(), key);
    if (result.error() != null) {
      return Problem.conflict(
          "Replayed "
              + result.applied()
              + " message(s); the head of key "
              + key
              + " failed again and stays parked: "
              + result.error());
    }
    return Response.ok(result).build();
  }

  @DELETE
  @Path("/{consumer}/{key}")
  public Response discardKey(@PathParam("consumer") String consumer, @PathParam("key") String key)
      throws SQLException {
    return discarded(parkedDelete(consumer, key, null));
  }

  @DELETE
  @Path("/{consumer}/{key}/{seq}")
  public Response discardOne(
      @PathParam("consumer") String consumer,
      @PathParam("key") String key,
      @PathParam("seq") String seq)
      throws SQLException {
    long number;
    try {
      number = Long.parseLong(seq);
    } catch (NumberFormatException e) {
      return Problem.badRequest("seq must be a number, was: " + seq);
    }
    return discarded(parkedDelete(consumer, key, number));
  }

  private int parkedDelete(String consumer, String key, Long seq) throws SQLException {
    schema.ensureMigrated();
    return replays.discard(consumer, key, seq);
  }

  private static Response discarded(int count) {
    return count == 0
        ? Problem.notFound("Nothing parked there")
        : Response.ok(Map.of("discarded", count)).build();
  }
}
