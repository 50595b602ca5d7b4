/** Brings the application's schema up to date with Flyway before the application serves. */
package dev.keystone.domain.migration;
