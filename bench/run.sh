#!/usr/bin/env sh
# All benchmarks in one run: starts the test stack, the Arquillian server and three extra
# Liberty nodes that differ only in cache settings, each with the bench WAR (bench-module, context
# root /bench: the reference endpoints) dropped in beside the EAR, and drives them with Gatling
# (in-process): cache reads (Redis-tier hit, near-cache hit, database path, and the bench WAR's
# bare Jedis GET, plain SQL read and no-op floor), stampedes with and without protection, writes
# with the outbox versus the bench WAR's writes without one,
# commit->consumer latency at a fixed rate, order -> audit row, backlog drain after a broker outage.
# Prints one table; HTML: system-tests/target/bench/index.html (+ Gatling's reports under
# system-tests/target/bench/gatling/). About an hour on a 2-core machine (writes,latency,drain
# ~32; the write phase alone, with its 8 minutes of warm-up per node, ~22).
# Tunables (-D...): bench.users=32 bench.writers=16 bench.warmup.seconds=60 bench.tracing.warmup.seconds=60
#   bench.write.warmup.seconds=480 bench.write.warmup.slices=8 bench.write.settle.seconds=30
#   bench.write.rounds=3 bench.write.seconds=30 bench.order.warmup.seconds=75 bench.seconds=10
#   bench.rounds=2 bench.rate=200 bench.lower.rates=100,50,25 bench.rate.seconds=20 bench.order.rate=50
#   bench.outage.warmup.seconds=90 bench.outage.seconds=30 bench.stampede.users=200
#   bench.phases=reads,stampedes,writes,writecost,tracing,cluster,latency,orders,drain (a subset)
set -e
cd "$(dirname "$0")/.."
./mvnw -q verify -Pbench -pl system-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=KeystoneBench -Dfailsafe.failIfNoSpecifiedTests=false "$@"
cat system-tests/target/bench/figures.txt
echo "HTML: system-tests/target/bench/index.html"
