package dev.keystone.consumers.analytics;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What analytics reads of an {@code OrderPlaced} payload: the UTC day it was placed, its currency
 * and its lines. Only these fields are read; any other field, known or added later, is ignored
 * (docs/events.md, the tolerant reader).
 *
 * @param lines the lines as they arrived, kept so a cancellation subtracts exactly them
 */
record PlacedOrder(LocalDate day, String currency, JsonArray lines) {

  static PlacedOrder of(JsonObject data) {
    return new PlacedOrder(
        LocalDate.ofInstant(Instant.parse(data.getString("placedAt")), ZoneOffset.UTC),
        data.getString("currency"),
        data.getJsonArray("lines"));
  }

  /** The lines, as analytics books them. */
  List<SoldLine> soldLines() {
    return SoldLine.all(lines);
  }
}
