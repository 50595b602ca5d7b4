/**
 * Who may call the consumers' own API ({@code /consumers/*}): administrators only, proven by the
 * same bearer tokens as {@code /api} (same issuer, audience and public key, the MicroProfile JWT
 * configuration keys). The consumers WAR depends on no Keystone module, so it verifies tokens
 * itself, to the gateway's published contract rather than with the gateway's code.
 */
package dev.keystone.consumers.security;
