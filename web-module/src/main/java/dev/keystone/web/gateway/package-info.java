/**
 * The gateway of seed §2: entry point only. Filters that run before any resource: correlation ids
 * today; authentication, roles and rate limiting as they land. Never touches Redis or Kafka.
 */
package dev.keystone.web.gateway;
