/**
 * The local infrastructure for Keystone: a real PostgreSQL, Redis, Kafka broker and SMTP server,
 * each its own OS process so that a person or a fault test can stop, kill, pause or restart one
 * alone, plus a launcher for the Liberty server that runs against them. Entry points: {@link
 * dev.keystone.devstack.DevStack}, {@link dev.keystone.devstack.LibertyServer} and the command line
 * {@link dev.keystone.devstack.Main}.
 */
package dev.keystone.devstack;
