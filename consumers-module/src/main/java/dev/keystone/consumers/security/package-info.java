/**
 * Who may call the consumers' own API ({@code /consumers/*}): administrators only, proven by the
 * same bearer tokens as {@code /api}, checked by the same verifier (platform-module's {@code
 * dev.keystone.platform.token}): infrastructure is shared, domain code is not.
 */
package dev.keystone.consumers.security;
