/**
 * The gateway's promises over HTTP on the real server: every 401 and 403 as problem+json, rate
 * limits holding and refilling, the correlation id from request to log, event and audit row, the
 * hardening headers and limits, and the operators' Admin Center.
 */
package dev.keystone.it.gateway;
