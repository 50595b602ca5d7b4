/**
 * Readiness of the application service: PostgreSQL decides it (the source of truth), Redis is
 * reported but never makes the server unready (it is only an optimisation). The checks carry {@link
 * dev.keystone.platform.health.ApplicationReadiness}; the web module publishes them.
 */
package dev.keystone.domain.health;
