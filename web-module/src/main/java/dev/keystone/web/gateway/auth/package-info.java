/**
 * Authentication and roles at the gateway: bearer tokens checked by platform-module's one verifier
 * ({@link dev.keystone.platform.token.TokenAuthority}, the same as the consumers WAR's), the route
 * table of roles ({@link dev.keystone.web.gateway.auth.AccessPolicy}) and {@link
 * dev.keystone.web.gateway.auth.CallerIdentity} for the resources' ownership checks. Every refusal
 * is a 401 or 403 {@code application/problem+json}.
 */
package dev.keystone.web.gateway.auth;
