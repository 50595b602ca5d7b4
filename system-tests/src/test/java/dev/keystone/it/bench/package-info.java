/**
 * The benchmarks in one run ({@code bench/run.sh}): Gatling (run in-process, so it reuses the
 * Arquillian stack) drives the cache reads, the writes through the outbox and the orders the
 * consumers see; the figures and their ratios are printed as one table and written, with Gatling's
 * own reports, under {@code target/bench}. Benchmarks print figures; they assert only that they
 * measured something.
 */
package dev.keystone.it.bench;
