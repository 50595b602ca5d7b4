/**
 * The transactional outbox: how "the application publishes a Kafka event" (seed §3, write path)
 * survives a broker outage and a server crash. The row is written in the transaction of the state
 * change; after commit the relay sends it and marks it published on the broker's ack; the sweeper
 * sends whatever the relay could not. Events of one aggregate are never sent out of version order.
 */
package dev.keystone.messaging.outbox;
