package dev.keystone.it.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One target in a closed loop: {@code bench.users} connections, each sending the next request as
 * soon as the last one was answered, for {@code bench.seconds}, named {@code bench.name}. {@code
 * bench.body} says what is sent: {@code get} (a GET of {@code bench.url}, 200; a {@code {id}} in it
 * is a random one of {@code bench.ids} per request), {@code product} (a new product, 201) or {@code
 * order} (one unit of a random product of {@code bench.products} for {@code bench.customer}, 201).
 * A run of its own per target and round lets the caller read the serving JVM's CPU around it.
 */
public class LoopSimulation extends Simulation {

  {
    var name = Sims.get("bench.name");
    var url = Sims.get("bench.url");
    setUp(
            scenario(name)
                .exec(Sims.loop(Sims.integer("bench.seconds"), exec(request(name, url))))
                .injectOpen(atOnceUsers(Sims.integer("bench.users"))))
        .protocols(Sims.protocol());
  }

  private static HttpRequestActionBuilder request(String name, String url) {
    return switch (Sims.get("bench.body")) {
      case "get" -> {
        if (!url.contains("{id}")) {
          yield http(name).get(url).check(status().is(200));
        }
        var ids = Arrays.stream(Sims.get("bench.ids").split(",")).toList();
        yield http(name)
            .get(
                session ->
                    url.replace("{id}", ids.get(ThreadLocalRandom.current().nextInt(ids.size()))))
            .check(status().is(200));
      }
      case "product" ->
          http(name).post(url).body(Sims.productBody()).asJson().check(status().is(201));
      case "order" -> {
        var customer = Sims.get("bench.customer");
        var products = Arrays.stream(Sims.get("bench.products").split(",")).toList();
        yield http(name)
            .post(url)
            .body(
                StringBody(
                    session ->
                        """
                        {"customerId":%s,"lines":[{"productId":%s,"quantity":1}]}
                        """
                            .formatted(
                                customer,
                                products.get(
                                    ThreadLocalRandom.current().nextInt(products.size())))))
            .asJson()
            .check(status().is(201));
      }
      default -> throw new IllegalStateException("bench.body " + Sims.get("bench.body"));
    };
  }
}
