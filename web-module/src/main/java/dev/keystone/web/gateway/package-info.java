/**
 * The gateway of docs/architecture.md §2: entry point only. Filters that run before any resource:
 * correlation ids (echoed, logged, stamped on events), authentication and roles ({@code auth}),
 * rate limiting ({@code ratelimit}) and hardening ({@code hardening}). Never touches Redis or
 * Kafka.
 */
package dev.keystone.web.gateway;
