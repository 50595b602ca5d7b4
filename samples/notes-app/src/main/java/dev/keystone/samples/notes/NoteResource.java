package dev.keystone.samples.notes;

import dev.keystone.cache.CacheStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Notes over HTTP. A read says how the cache answered in an RFC 9211 {@code Cache-Status} header
 * ({@code keystone; hit}, {@code keystone; fwd=miss; stored}, ...) and, on a hit, sends the JSON
 * the cache holds as it is.
 */
@Path("notes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

  private static final String ID = "{id: [0-9]{1,18}}";

  @Inject Notes notes;
  @Inject CacheStatus cacheStatus;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NoteText body, @Context UriInfo uri) {
    var note = notes.create(text(body));
    var location = uri.getAbsolutePathBuilder().path(Long.toString(note.id())).build();
    return Response.created(location).entity(note).build();
  }

  @GET
  @Path(ID)
  public Response get(@PathParam("id") long id) {
    var note = notes.find(id);
    var response = Response.ok(cacheStatus.entity(note));
    if (cacheStatus.outcome() != null) {
      response.header("Cache-Status", cacheStatus.outcome().header());
    }
    return response.build();
  }

  @PUT
  @Path(ID)
  @Consumes(MediaType.APPLICATION_JSON)
  public NoteView edit(@PathParam("id") long id, NoteText body) {
    return notes.edit(id, text(body));
  }

  /** An empty body is a note without text: the entity refuses it with a 400. */
  private static String text(NoteText body) {
    return body == null ? null : body.text();
  }
}
