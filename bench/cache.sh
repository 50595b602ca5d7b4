#!/usr/bin/env sh
# The cache benchmark (issue 4): starts the test stack, then Liberty servers that differ only in
# cache settings, measures GET /api/products/{id} (Redis-tier hit, near-cache hit, cache off) next to
# a bare Jedis GET endpoint and a no-op endpoint, and the DB loads of a stampede with and without
# protection; prints a table (also in system-tests/target/failsafe-reports/*CacheBench-output.txt).
# Tunables: -Dbench.threads=32 -Dbench.warmup.ms=5000 -Dbench.run.ms=10000
set -e
cd "$(dirname "$0")/.."
./mvnw -q verify -pl system-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CacheBench -Dfailsafe.failIfNoSpecifiedTests=false "$@"
cat system-tests/target/failsafe-reports/dev.keystone.it.cache.CacheBench-output.txt
