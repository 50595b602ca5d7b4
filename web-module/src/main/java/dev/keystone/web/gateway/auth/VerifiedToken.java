package dev.keystone.web.gateway.auth;

import java.util.Set;

/**
 * The claims the gateway uses from a token whose signature, issuer, audience and lifetime were
 * checked.
 *
 * @param subject {@code sub}: for a customer, the customer id
 * @param name the caller's name as MicroProfile JWT defines it ({@code upn}, else {@code
 *     preferred_username}, else {@code sub})
 * @param groups {@code groups}: the caller's roles
 */
public record VerifiedToken(String subject, String name, Set<String> groups) {}
