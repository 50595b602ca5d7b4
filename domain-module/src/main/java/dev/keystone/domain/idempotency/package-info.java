/**
 * Idempotency keys: a retried {@code POST} with the same key and body gets the first response back
 * and causes nothing a second time. Keys live in PostgreSQL (the source of truth, shared by every
 * server) with an expiry, and are pruned.
 */
package dev.keystone.domain.idempotency;
