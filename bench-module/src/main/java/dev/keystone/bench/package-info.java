/**
 * The benchmark's reference endpoints, deployed beside the EAR only on the benchmark's Liberty
 * nodes (docs/benchmarks.md): a no-op resource (the floor), one bare Jedis GET of a cached
 * product's bytes, one plain SQL read of a product, and a product write without an outbox row (the
 * baseline the outbox's cost is measured against). Nothing here is in the production EAR, and the
 * EAR has no switch that turns any of its work off for a benchmark.
 */
package dev.keystone.bench;
