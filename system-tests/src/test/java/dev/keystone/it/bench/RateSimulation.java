package dev.keystone.it.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/**
 * Writes at a fixed rate (an open model: arrivals do not wait for answers): {@code bench.rate}
 * POSTs to {@code bench.url} per second for {@code bench.seconds}, of products or of orders ({@code
 * bench.kind}). Each 201's arrival is recorded by the created id in {@link Acks}, to be matched
 * with the moment its event reaches a consumer.
 */
public class RateSimulation extends Simulation {

  {
    var name = Sims.get("bench.name");
    var url = Sims.get("bench.url");
    var order = "order".equals(Sims.get("bench.kind"));
    var request =
        order
            ? http(name)
                .post(url)
                .body(Sims.orderBody(Sims.get("bench.customer"), Sims.get("bench.product")))
            : http(name).post(url).body(Sims.productBody());
    setUp(
            scenario(name)
                .exec(request.asJson().check(status().is(201), jsonPath("$.id").saveAs("id")))
                .exec(
                    session -> {
                      if (session.contains("id")) {
                        Acks.record(session.getString("id"));
                      }
                      return session;
                    })
                .injectOpen(
                    constantUsersPerSec(Sims.integer("bench.rate"))
                        .during(Sims.integer("bench.seconds"))))
        .protocols(Sims.protocol().shareConnections());
  }
}
