/**
 * The outbox against the real broker (docs/architecture.md §3, write path): writes that survive a
 * broker outage and a killed server, per-key order, two sweepers, retention, metrics, and the
 * published language (docs/asyncapi.yaml) checked against real records and against the domain's
 * event records.
 */
package dev.keystone.it.outbox;
