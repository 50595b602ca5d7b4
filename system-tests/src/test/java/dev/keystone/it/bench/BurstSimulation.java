package dev.keystone.it.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/**
 * A stampede (docs/architecture.md §5.1): {@code bench.users} users, each on its own connection,
 * GET one freshly invalidated key at the same instant.
 */
public class BurstSimulation extends Simulation {

  {
    var name = Sims.get("bench.name");
    setUp(
            scenario("stampede " + name)
                .exec(http(name).get(Sims.get("bench.url")).check(status().is(200)))
                .injectOpen(atOnceUsers(Sims.integer("bench.users"))))
        .protocols(Sims.protocol());
  }
}
