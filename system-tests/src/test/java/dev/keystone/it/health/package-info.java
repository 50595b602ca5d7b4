/** Liveness and readiness against failing infrastructure. */
package dev.keystone.it.health;
