/**
 * Authentication and roles at the gateway: MicroProfile JWT bearer tokens (RS256, configured key,
 * issuer and audience), the route table of roles ({@link
 * dev.keystone.web.gateway.auth.AccessPolicy}) and {@link
 * dev.keystone.web.gateway.auth.CallerIdentity} for the resources' ownership checks. Every refusal
 * is a 401 or 403 {@code application/problem+json}.
 */
package dev.keystone.web.gateway.auth;
