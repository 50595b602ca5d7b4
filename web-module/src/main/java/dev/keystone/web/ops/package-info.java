/**
 * The operator's view of the application: {@code GET /api/ops/summary} (admin only, by the
 * gateway's route table) gathers the cache and outbox figures from the application's own MP
 * Metrics, and the static page {@code /ops/} shows them live beside the consumers' figures. {@code
 * /api/ops/outbox/stuck} lists the outbox rows the broker keeps refusing and retries or skips one,
 * through the outbox library's public {@code StuckRows}.
 */
package dev.keystone.web.ops;
