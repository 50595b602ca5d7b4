/**
 * What {@code /health/ready} reports: the application's readiness checks, published once, by this
 * WAR (see {@link dev.keystone.web.health.ReadinessChecks}).
 */
package dev.keystone.web.health;
