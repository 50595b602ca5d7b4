/**
 * The integration-test harness: one real stack per test run (PostgreSQL, Redis, Kafka, SMTP and a
 * Liberty server), an HTTP client for the API, and direct clients for checking what landed in the
 * database, in Redis and on the topics.
 */
package dev.keystone.it.support;
