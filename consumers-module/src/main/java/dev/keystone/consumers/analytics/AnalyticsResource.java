package dev.keystone.consumers.analytics;

import dev.keystone.platform.problem.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /consumers/analytics/daily-sales?from=&to=&productId=} and {@code
 * /consumers/analytics/top-products?from=&to=&limit=}: the analytics consumer's read side. Dates
 * are ISO days (UTC); the period defaults to the last 30 days and spans at most 366. Parameters are
 * taken as text and checked here, so a bad one is a 400 problem, never a 404 or 500.
 */
@Path("/analytics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

  private static final int MAX_DAYS = 366;

  @Inject SalesQueries queries;

  @GET
  @Path("/daily-sales")
  public Response dailySales(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("productId") String productId) {
    try {
      var period = Period.of(from, to);
      Long product = productId == null ? null : Long.valueOf(productId);
      return Response.ok(queries.daily(period.from(), period.to(), product)).build();
    } catch (BadParameter e) {
      return Problem.badRequest(e.getMessage());
    } catch (NumberFormatException e) {
      return Problem.badRequest("productId must be a number, was: " + productId);
    }
  }

  @GET
  @Path("/top-products")
  public Response topProducts(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit) {
    int n;
    try {
      n = limit == null ? 10 : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > 100) {
      return Problem.badRequest("limit must be a number from 1 to 100, was: " + limit);
    }
    try {
      var period = Period.of(from, to);
      return Response.ok(queries.top(period.from(), period.to(), n)).build();
    } catch (BadParameter e) {
      return Problem.badRequest(e.getMessage());
    }
  }

  /** A checked period of days. */
  record Period(LocalDate from, LocalDate to) {

    static Period of(String fromText, String toText) {
      var to = toText == null ? LocalDate.now(ZoneOffset.UTC) : day("to", toText);
      var from = fromText == null ? to.minusDays(29) : day("from", fromText);
      if (from.isAfter(to)) {
        throw new BadParameter("from (" + from + ") must not be after to (" + to + ")");
      }
      if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
        throw new BadParameter("the period spans more than " + MAX_DAYS + " days");
      }
      return new Period(from, to);
    }

    private static LocalDate day(String name, String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new BadParameter(name + " must be a day like 2026-11-29, was: " + text);
      }
    }
  }

  /** A query parameter that does not make sense. */
  static final class BadParameter extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadParameter(String message) {
      super(message);
    }
  }
}
