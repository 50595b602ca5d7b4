package dev.keystone.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What one failure test of the fault suite measured: writes accepted, events published, effects
 * applied, duplicates suppressed, lost, and 5xx answers. A figure a test does not measure stays
 * {@code -1} and prints as "–". {@link #print()} writes one line to the test's output and one row
 * to {@code system-tests/target/fault-report.md}, the table docs/failure-behaviour.md quotes.
 */
public final class FaultReport {

  private static final Path TABLE = Path.of("target", "fault-report.md");

  private final String failure;
  private long accepted = -1;
  private long published = -1;
  private long applied = -1;
  private long suppressed = -1;
  private long lost = -1;
  private long serverErrors = -1;
  private String detail = "";
  private String tally = "";

  private FaultReport(String failure) {
    this.failure = failure;
  }

  /** A report for {@code failure}, e.g. "§5.1 stampede on a hot key, two servers". */
  public static FaultReport of(String failure) {
    return new FaultReport(failure);
  }

  public FaultReport accepted(long writes) {
    this.accepted = writes;
    return this;
  }

  public FaultReport published(long events) {
    this.published = events;
    return this;
  }

  public FaultReport applied(long effects) {
    this.applied = effects;
    return this;
  }

  public FaultReport duplicatesSuppressed(long duplicates) {
    this.suppressed = duplicates;
    return this;
  }

  public FaultReport lost(long lost) {
    this.lost = lost;
    return this;
  }

  public FaultReport serverErrors(long count) {
    this.serverErrors = count;
    return this;
  }

  /**
   * The figures of a set tally: acknowledged writes, distinct events published, events applied,
   * records duplicated on the topic (which the consumers suppressed), lost; the whole tally is
   * printed before the detail.
   */
  public FaultReport tally(SetTally.Result result) {
    this.accepted = result.acknowledged();
    this.published = result.published();
    this.applied = result.published() - result.missingEffects();
    this.suppressed = result.duplicatedOnTopic();
    this.lost = result.lost().size();
    this.tally = result + "; ";
    return this;
  }

  /** Whatever else the test measured, in words (latencies, loads, recovery time). */
  public FaultReport detail(String format, Object... args) {
    this.detail = String.format(Locale.ROOT, format, args);
    return this;
  }

  /** Prints the figures and appends them to the suite's table. */
  public void print() {
    detail = tally + detail;
    System.out.printf(
        Locale.ROOT,
        "FAULT %s: writes accepted %s, events published %s, effects applied %s,"
            + " duplicates suppressed %s, lost %s, 5xx %s; %s%n",
        failure,
        figure(accepted),
        figure(published),
        figure(applied),
        figure(suppressed),
        figure(lost),
        figure(serverErrors),
        detail);
    append(
        String.join(
                " | ",
                "| " + failure,
                figure(accepted),
                figure(published),
                figure(applied),
                figure(suppressed),
                figure(lost),
                figure(serverErrors),
                detail)
            + " |\n");
  }

  private static synchronized void append(String row) {
    try {
      if (!Files.exists(TABLE)) {
        Files.createDirectories(TABLE.getParent());
        Files.writeString(
            TABLE,
            "| failure | writes accepted | events published | effects applied"
                + " | duplicates suppressed | lost | 5xx | measured |\n"
                + "|---|---|---|---|---|---|---|---|\n");
      }
      Files.writeString(TABLE, row, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String figure(long value) {
    return value < 0 ? "–" : String.format(Locale.ROOT, "%,d", value);
  }
}
