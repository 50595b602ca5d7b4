/**
 * The consumers-only server's readiness: a PostgreSQL check under the platform's hard deadline,
 * published only where the consumers WAR runs on its own (in the EAR the web module publishes the
 * application server's checks, docs/operations.md#health).
 */
package dev.keystone.consumers.health;
