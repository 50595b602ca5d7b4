package dev.keystone.consumers.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keystone.consumers.analytics.AnalyticsResource.BadParameter;
import dev.keystone.consumers.analytics.AnalyticsResource.Period;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeriodTest {

  @Test
  void defaultsToTheLastThirtyDays() {
    var p = Period.of(null, null);
    var today = LocalDate.now(ZoneOffset.UTC);
    assertEquals(today, p.to());
    assertEquals(today.minusDays(29), p.from());
  }

  @Test
  void refusesWhatMakesNoSense() {
    assertThrows(BadParameter.class, () -> Period.of("yesterday", null));
    assertThrows(BadParameter.class, () -> Period.of("2026-02-01", "2026-01-01"));
    assertThrows(BadParameter.class, () -> Period.of("2020-01-01", "2026-01-01"));
    assertThrows(BadParameter.class, () -> Period.of(null, "2026-13-01"));
  }

  @Test
  void acceptsOneDay() {
    var p = Period.of("2026-11-29", "2026-11-29");
    assertEquals(p.from(), p.to());
  }
}
