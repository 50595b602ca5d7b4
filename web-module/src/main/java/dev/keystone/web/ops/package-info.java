/**
 * The operator's view of the application: {@code GET /api/ops/summary} (admin only, by the
 * gateway's default rule) gathers the cache and outbox figures from the application's own MP
 * Metrics, and the static page {@code /ops/} shows them live beside the consumers' figures.
 */
package dev.keystone.web.ops;
