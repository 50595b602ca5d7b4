/**
 * The transactional outbox library: how "the application publishes a Kafka event" (docs/
 * architecture.md §3, write path) survives a broker outage and a server crash. An application fires
 * its {@link dev.keystone.outbox.OutboxEvent}s as CDI events inside the transaction of the state
 * change; the library writes one outbox row per event in that transaction, relays it after commit,
 * marks it published on the broker's ack and sweeps whatever the relay could not send. Events of
 * one aggregate are never sent out of version order. {@link dev.keystone.outbox.Topics} names the
 * topics the library publishes to; {@link dev.keystone.outbox.StuckRows} lists, retries and skips
 * rows the broker keeps refusing. docs/outbox.md and docs/libraries.md describe the contract.
 */
package dev.keystone.outbox;
