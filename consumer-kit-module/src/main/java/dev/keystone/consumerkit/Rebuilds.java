package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.KitSchema;
import dev.keystone.consumerkit.internal.RebuildTable;
import dev.keystone.consumerkit.internal.RebuildTable.AlreadyActive;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The operator's side of rebuilding a consumer from the log in one action (docs/consumers.md,
 * "Rebuilding a consumer"): a request closes the consumer's gate on every server at once (a row in
 * the shared schema) and is run by one server ({@link RebuildRunner}); its record says who asked,
 * when, and how far it got.
 */
@ApplicationScoped
public class Rebuilds {

  @Inject @Any Instance<EventEffect> effects;
  @Inject RebuildTable table;
  @Inject RebuildRunner runner;
  @Inject KitSchema schema;

  /** Why a rebuild was refused. */
  public enum Refusal {
    /** No consumer of that name keeps state that can be rebuilt from the log. */
    UNKNOWN_CONSUMER,
    /** A rebuild of that consumer is already requested or running. */
    ALREADY_ACTIVE,
    /** Its effect leaves the system (mail) and suppression was not asked for. */
    LEAVES_THE_SYSTEM
  }

  /** A refused request; nothing was recorded. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Refusal refusal;

    Refused(Refusal refusal, String message) {
      super(message);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  /** The consumers this server can rebuild. */
  public java.util.List<String> rebuildableConsumers() {
    return effects.stream()
        .filter(e -> !e.channels().isEmpty())
        .map(EventEffect::consumer)
        .distinct()
        .toList();
  }

  /** The named consumer's effect, if it can be rebuilt. */
  public Optional<EventEffect> rebuildable(String consumer) {
    return effects.stream()
        .filter(e -> e.consumer().equals(consumer) && !e.channels().isEmpty())
        .findFirst();
  }

  /**
   * Requests a rebuild of {@code consumer} by {@code requestedBy}; it starts on this server at once
   * (another picks it up if this one dies).
   *
   * @param suppressExternal required for a consumer whose effect leaves the system: the re-read
   *     records then change its state without sending anything
   * @throws Refused when the consumer is unknown, already being rebuilt, or leaves the system and
   *     suppression was not asked for
   */
  public Rebuild request(String consumer, String requestedBy, boolean suppressExternal)
      throws SQLException {
    var effect =
        rebuildable(consumer)
            .orElseThrow(
                () ->
                    new Refused(
                        Refusal.UNKNOWN_CONSUMER,
                        "No consumer named " + consumer + " can be rebuilt from the log"));
    if (effect.leavesTheSystem() && !suppressExternal) {
      throw new Refused(
          Refusal.LEAVES_THE_SYSTEM,
          consumer
              + "'s effect leaves the system: re-reading the log would send every mail again."
              + " Ask for suppressMail to rebuild its state without sending anything.");
    }
    schema.ensureMigrated();
    try {
      table.request(consumer, requestedBy, suppressExternal);
    } catch (AlreadyActive e) {
      throw new Refused(Refusal.ALREADY_ACTIVE, e.getMessage());
    }
    runner.runSoon();
    return latest(consumer).orElseThrow();
  }

  /** The latest rebuild of {@code consumer}, if there ever was one. */
  public Optional<Rebuild> latest(String consumer) throws SQLException {
    schema.ensureMigrated();
    return table.latest(consumer);
  }
}
