/**
 * Readiness of the application service: PostgreSQL decides it (the source of truth), Redis is
 * reported but never makes the server unready (it is only an optimisation).
 */
package dev.keystone.domain.health;
