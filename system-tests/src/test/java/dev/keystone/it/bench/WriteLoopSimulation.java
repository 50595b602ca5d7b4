package dev.keystone.it.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed-loop writes: {@code bench.users} clients each creating products back to back on every
 * target URL in turn (the shop's POST with the outbox, the bench WAR's without). First the warm-up,
 * {@code bench.warmup.seconds} per target in {@code bench.warmup.slices} turns, then {@code
 * bench.rounds} rounds in which each target gets {@code bench.settle.seconds} of unmeasured load
 * and then {@code bench.seconds} of measured load.
 *
 * <p>Why the turns and the settling: a node's rate drops when it gets load again after a pause and
 * takes ~30 s to climb back (an earlier measurement, per-process CPU every 5 s: both nodes' Liberty
 * CPU per write ~1.5× their steady value in the first 5–10 s of a turn). A node that had idled
 * through the other's whole 8-minute warm-up answered its measured rounds, which started at once,
 * at half the rate it had reached (1,066–1,178 writes/s at the end of its warm-up, ~560 measured).
 */
public class WriteLoopSimulation extends Simulation {

  {
    var targets = Sims.targets("bench.targets");
    int users = Sims.integer("bench.users");
    int slices = Math.max(1, Sims.integer("bench.warmup.slices"));
    int sliceSeconds = Math.max(1, Sims.integer("bench.warmup.seconds") / slices);
    var steps = new ArrayList<PopulationBuilder>();
    for (int slice = 1; slice <= slices; slice++) {
      for (var target : targets.entrySet()) {
        var name = "warm-up " + target.getKey();
        steps.add(writes(name, "s" + slice, 0, target.getValue(), users, sliceSeconds));
      }
    }
    int settle = Sims.integer("bench.settle.seconds");
    int seconds = Sims.integer("bench.seconds");
    for (int round = 1; round <= Sims.integer("bench.rounds"); round++) {
      for (var target : targets.entrySet()) {
        if (settle > 0) {
          var name = "warm-up " + target.getKey();
          steps.add(writes(name, "r" + round, 0, target.getValue(), users, settle));
        }
        steps.add(writes(target.getKey(), "r" + round, round, target.getValue(), users, seconds));
      }
    }
    setUp(Sims.sequence(List.copyOf(steps))).protocols(Sims.protocol());
  }

  /**
   * {@code users} clients posting products to {@code url} for {@code seconds}, as {@code name}; the
   * 201s of a measured round ({@code round} > 0) are also counted in {@link WriteRounds}.
   */
  private static PopulationBuilder writes(
      String name, String turn, int round, String url, int users, int seconds) {
    var post = exec(http(name).post(url).body(Sims.productBody()).asJson().check(status().is(201)));
    if (round > 0) {
      post =
          post.exec(
              session -> {
                if (!session.isFailed()) {
                  WriteRounds.ok(name, round);
                }
                return session.markAsSucceeded(); // a KO counts once, not for the rest of the loop
              });
    }
    return scenario(name + " " + turn)
        .exec(Sims.loop(seconds, post))
        .injectOpen(atOnceUsers(users));
  }
}
