package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.DeadLetters;
import dev.keystone.consumerkit.internal.KitSchema;
import dev.keystone.consumerkit.internal.KitTransactions;
import dev.keystone.consumerkit.internal.LogSource;
import dev.keystone.consumerkit.internal.RebuildTable;
import dev.keystone.platform.scheduling.Periodic;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs requested rebuilds on this server: at once for a request this server took, and every {@code
 * keystone.consumers.rebuild.sweep-interval-ms} (5000) for any rebuild that is requested or whose
 * runner fell silent for {@code keystone.consumers.rebuild.stale-ms} (60000) — its server died or
 * its run failed. Exactly one server runs a rebuild at a time: the claim is one atomic update of
 * its row. Runs on every server with the consumers WAR, whether its channels are on or off: the
 * rebuild reads the log with its own group-less consumer.
 */
@ApplicationScoped
public class RebuildRunner {

  private static final Logger LOG = Logger.getLogger(RebuildRunner.class.getName());

  @Inject ConsumerKit kit;
  @Inject KitTransactions transactions;
  @Inject LogSource log;
  @Inject RebuildTable table;
  @Inject KitSchema schema;
  @Inject Rebuilds rebuilds;

  @Inject
  @ConfigProperty(name = "keystone.consumers.rebuild.sweep-interval-ms", defaultValue = "5000")
  long sweepMillis;

  @Inject
  @ConfigProperty(name = "keystone.consumers.rebuild.stale-ms", defaultValue = "60000")
  long staleMillis;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Periodic sweep = new Periodic("Running requested consumer rebuilds", LOG);
  private final AtomicBoolean busy = new AtomicBoolean();

  /**
   * Starts the sweep; the consuming application calls it at start-up from the module that holds its
   * consumers' effects, so that the sweep's managed threads run in that module's context. Once per
   * server; later calls do nothing.
   */
  public void start() {
    var interval = Duration.ofMillis(sweepMillis);
    sweep.start(scheduler, interval, interval, this::runPending);
  }

  /** Runs the pending rebuilds soon, off the caller's thread. */
  void runSoon() {
    scheduler.execute(this::runPending);
  }

  /** Claims and runs rebuilds until none is pending; one at a time on this server. */
  void runPending() {
    if (!busy.compareAndSet(false, true)) {
      return; // this server's run in progress claims the next one when it ends
    }
    try {
      schema.ensureMigrated();
      var mine = rebuilds.rebuildableConsumers();
      if (mine.isEmpty()) {
        return; // nothing here to rebuild: leave the rebuilds to the servers that can
      }
      var stale = Duration.ofMillis(staleMillis);
      // a new name per claim: a run that lost its claim can neither report nor open the gate
      for (var claim = table.claim(UUID.randomUUID().toString(), mine, stale);
          claim.isPresent();
          claim = table.claim(UUID.randomUUID().toString(), mine, stale)) {
        run(claim.get());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not claim a rebuild", e);
    } finally {
      busy.set(false);
    }
  }

  private void run(RebuildTable.Claim claim) throws SQLException {
    var effect = rebuilds.rebuildable(claim.consumer());
    if (effect.isEmpty()) {
      table.failed(
          claim.id(), claim.runner(), "this server has no consumer named " + claim.consumer());
      return;
    }
    var config = ConfigProvider.getConfig();
    var topics =
        effect.get().channels().stream()
            .map(ch -> config.getValue("mp.messaging.incoming." + ch + ".topic", String.class))
            .distinct()
            .toList();
    LOG.info(
        () ->
            "Rebuilding " + claim.consumer() + " from " + topics + " (rebuild " + claim.id() + ")");
    try {
      new Rebuilder(kit, transactions, log)
          .run(
              claim.id(),
              claim.runner(),
              effect.get(),
              claim.suppressExternal(),
              topics,
              (read, remaining) -> progress(claim, read, remaining));
      LOG.info(() -> "Rebuilt " + claim.consumer() + " (rebuild " + claim.id() + ")");
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Rebuild " + claim.id() + " of " + claim.consumer() + " failed", e);
      table.failed(claim.id(), claim.runner(), DeadLetters.describe(e));
    }
  }

  private void progress(RebuildTable.Claim claim, long read, long remaining) {
    try {
      table.progress(claim.id(), claim.runner(), read, remaining);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record the rebuild's progress", e);
    }
  }

  @PreDestroy
  void stop() {
    sweep.stop();
  }
}
