/**
 * Gateway hardening (docs/architecture.md §2, entry point): security headers on every answer and a
 * cap on request bodies, before any resource runs.
 */
package dev.keystone.web.gateway.hardening;
