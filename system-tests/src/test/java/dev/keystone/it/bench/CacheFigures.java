package dev.keystone.it.bench;

import dev.keystone.it.support.DatabaseLoads;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Stampedes with and without protection (the read figures: {@link ReadFigures}). */
final class CacheFigures {

  private final Table table;
  private final List<Path> reports;

  CacheFigures(Table table, List<Path> reports) {
    this.table = table;
    this.reports = reports;
  }

  /** {@value #STAMPEDE}-user bursts on a freshly invalidated key, with and without protection. */
  void stampedes(BenchNodes nodes) {
    table.section(
        "stampede, " + KeystoneBench.STAMPEDE + " concurrent GETs of one invalidated key");
    long worstProtected = 0;
    for (int round = 0; round < KeystoneBench.ROUNDS; round++) {
      for (var node : List.of(nodes.redis(), nodes.near())) {
        boolean protectedNode = node == nodes.redis();
        var base = BenchNodes.url(node);
        long id = BenchNodes.product(5);
        BenchNodes.read(base, id);
        BenchNodes.invalidate(id);
        long before = DatabaseLoads.productFinds();
        var name = protectedNode ? "stampede-protected" : "stampede-unprotected";
        var run =
            GatlingRun.run(
                BurstSimulation.class,
                name,
                KeystoneBench.settings(
                    Map.of(
                        "bench.name", name,
                        "bench.url", base + "/api/products/" + id,
                        "bench.users", "" + KeystoneBench.STAMPEDE)));
        long loads = DatabaseLoads.productFinds() - before;
        reports.add(run.report());
        var stat = run.stat(name);
        table.row(
            (protectedNode ? "protection on" : "protection off") + ", round " + (round + 1),
            loads + " loads",
            "" + stat.p50(),
            "" + stat.p99(),
            "DB loads from pg_stat_statements; Gatling OK "
                + stat.ok()
                + " KO "
                + stat.ko()
                + "; load "
                + BenchNodes.load());
        if (protectedNode) {
          worstProtected = Math.max(worstProtected, loads);
        }
      }
    }
    table.ratio("stampede DB loads per key, protected (worst)", worstProtected, 1, false);
  }
}
