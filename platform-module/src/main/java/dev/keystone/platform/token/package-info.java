/**
 * The one bearer-token verifier of both WARs (docs/security.md, "Tokens"): {@link
 * dev.keystone.platform.token.TokenVerifier} checks a compact JWS against {@link
 * dev.keystone.platform.token.TokenRules} and returns a {@link
 * dev.keystone.platform.token.VerifiedToken} or a typed {@link
 * dev.keystone.platform.token.TokenRefused}; {@link dev.keystone.platform.token.TokenAuthority} is
 * the CDI bean configured from MP Config that the gateway and the consumers' filter call.
 */
package dev.keystone.platform.token;
