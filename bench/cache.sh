#!/usr/bin/env sh
# The cache benchmark: starts the test stack, then three Liberty servers that differ only in
# cache settings (Redis tier with every protection on; near cache; cache off), and measures
# GET /api/products/{id} on each next to the bench WAR's bare Jedis GET endpoint and no-op endpoint
# (the floor; bench-module, dropped in beside the EAR on each server, never in the EAR itself),
# interleaved round by round; then the DB loads of 200-request stampedes with and without protection.
# Prints a table of medians (also in
# system-tests/target/failsafe-reports/dev.keystone.it.cache.CacheBench-output.txt).
# Tunables: -Dbench.threads=32 -Dbench.rounds=3 -Dbench.warmup.ms=3000 -Dbench.run.ms=8000
set -e
cd "$(dirname "$0")/.."
./mvnw -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CacheBench -Dfailsafe.failIfNoSpecifiedTests=false "$@"
cat system-tests/target/failsafe-reports/dev.keystone.it.cache.CacheBench-output.txt
