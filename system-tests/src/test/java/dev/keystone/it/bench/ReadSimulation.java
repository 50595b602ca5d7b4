package dev.keystone.it.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;

/**
 * Closed-loop GETs: {@code bench.users} connections each issuing one GET after the other, on every
 * target in turn — a warm-up round, then {@code bench.rounds} measured rounds, the targets
 * interleaved so that they share the machine's ups and downs. A request's name is its target's.
 */
public class ReadSimulation extends Simulation {

  {
    var targets = Sims.targets("bench.targets");
    int users = Sims.integer("bench.users");
    var steps = new ArrayList<PopulationBuilder>();
    for (int round = 0; round <= Sims.integer("bench.rounds"); round++) {
      int seconds = Sims.integer(round == 0 ? "bench.warmup.seconds" : "bench.seconds");
      for (var target : targets.entrySet()) {
        var name = (round == 0 ? "warm-up " : "") + target.getKey();
        steps.add(
            scenario(name + " r" + round)
                .exec(
                    Sims.loop(
                        seconds, exec(http(name).get(target.getValue()).check(status().is(200)))))
                .injectOpen(atOnceUsers(users)));
      }
    }
    setUp(Sims.sequence(steps)).protocols(Sims.protocol());
  }
}
