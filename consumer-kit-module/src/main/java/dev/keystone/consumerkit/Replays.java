package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.DeadLetters;
import dev.keystone.consumerkit.internal.KitTransactions;
import dev.keystone.consumerkit.internal.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The operator's side of parking: replays a parked key in order through the consumer's own effect
 * (deduplicated like any delivery), stopping at the first message that fails again.
 */
@ApplicationScoped
public class Replays {

  @Inject @Any Instance<EventEffect> effects;
  @Inject KitTransactions transactions;

  /** The effect of the named consumer, if there is one. */
  public Optional<EventEffect> effect(String consumer) {
    return effects.stream().filter(e -> e.consumer().equals(consumer)).findFirst();
  }

  /**
   * Applies every parked message of {@code key}, oldest first, removing each as it commits.
   *
   * @return how many were applied and skipped as duplicates, and the error if one failed again (it
   *     then stays parked as the head, with everything behind it)
   */
  public Result replay(EventEffect effect, String key) {
    int applied = 0;
    int duplicates = 0;
    while (true) {
      Optional<Outcome> outcome;
      try {
        outcome = transactions.replayHead(effect, key);
      } catch (RuntimeException e) {
        var error = DeadLetters.describe(e);
        transactions.markHeadFailed(effect.consumer(), key, error);
        return new Result(applied, duplicates, error);
      }
      if (outcome.isEmpty()) {
        return new Result(applied, duplicates, null);
      }
      if (outcome.get() == Outcome.APPLIED) {
        applied++;
      } else {
        duplicates++;
      }
    }
  }

  /**
   * Discards parked messages of a key: one ({@code seq}) or all ({@code null}). Whatever stays
   * parked behind a discarded head waits for {@link #replay}.
   *
   * @return how many were discarded
   */
  public int discard(String consumer, String key, Long seq) {
    return transactions.discard(consumer, key, seq);
  }

  /**
   * The result of a replay.
   *
   * @param error null when the key is no longer parked
   */
  public record Result(int applied, int duplicates, String error) {}
}
