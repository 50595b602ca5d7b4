/**
 * The qualifier that marks a library's readiness check, so that exactly one WAR publishes it
 * (checks in the EAR's {@code lib/} are visible to every module, and each module would list them
 * again), and the deadline every published check runs under.
 */
package dev.keystone.platform.health;
