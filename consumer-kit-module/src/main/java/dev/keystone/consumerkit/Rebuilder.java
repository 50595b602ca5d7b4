package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.KitTransactions;
import dev.keystone.consumerkit.internal.LogSource;
import java.util.Collection;

/**
 * One run of a rebuild (docs/consumers.md, "Rebuilding a consumer"), on the server that claimed it:
 *
 * <ol>
 *   <li><b>Reset</b>, one transaction: the gate is taken exclusively (live deliveries in flight
 *       finish first; every later one sees the rebuild and is held), the projection is emptied and
 *       the kit forgets the consumer's dedup rows, versions and parked messages.
 *   <li><b>Re-read</b>: every record of the consumer's topics from the earliest offset to the end
 *       offsets read after the reset, through the same effect, dedup and version guard as a
 *       delivery. Every record a live delivery applied before the reset is below those ends, so it
 *       is applied again here; nothing is lost.
 *   <li><b>Drain</b>: the held deliveries, in arrival order (each partition's in offset order).
 *       Those below the ends were re-read already and are skipped as duplicates; the newer ones
 *       apply after everything older of their key, so per-key order holds.
 *   <li><b>Open</b>: under the exclusive gate, and only once nothing is held any more, the rebuild
 *       is marked done; from that commit on deliveries apply again.
 * </ol>
 *
 * A run that fails leaves the gate closed; the next server to claim the rebuild runs it again from
 * the reset.
 */
final class Rebuilder {

  private static final int BATCH = 200;

  /** Where a run reports how far it got (also its heartbeat). */
  interface Progress {
    void report(long read, long remaining);
  }

  private final ConsumerKit kit;
  private final KitTransactions transactions;
  private final LogSource log;

  Rebuilder(ConsumerKit kit, KitTransactions transactions, LogSource log) {
    this.kit = kit;
    this.transactions = transactions;
    this.log = log;
  }

  void run(
      long id,
      String runner,
      EventEffect effect,
      boolean suppressExternal,
      Collection<String> topics,
      Progress progress) {
    var consumer = effect.consumer();
    transactions.resetForRebuild(effect);
    var reread = suppressExternal ? effect.withoutLeavingTheSystem() : effect;
    long[] read = {0};
    log.readToEnd(
        topics,
        record -> {
          kit.reapply(reread, record);
          read[0]++;
        },
        remaining -> progress.report(read[0], remaining + transactions.heldCount(consumer)));
    do {
      for (var batch = transactions.held(consumer, BATCH);
          !batch.isEmpty();
          batch = transactions.held(consumer, BATCH)) {
        for (var held : batch) {
          kit.reapply(effect, held.record()); // new events get the full effect
          transactions.release(held.seq());
        }
        progress.report(read[0], transactions.heldCount(consumer));
      }
    } while (!transactions.openIfDrained(consumer, id, runner));
  }
}
