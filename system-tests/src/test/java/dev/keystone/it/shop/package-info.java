/**
 * The shop's HTTP contract end to end on the real stack: every endpoint and error status, the
 * idempotency keys, the stock race and the events the outbox publishes.
 */
package dev.keystone.it.shop;
