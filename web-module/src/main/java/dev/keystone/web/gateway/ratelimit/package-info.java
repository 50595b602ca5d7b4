/**
 * Rate limiting, the architecture's third gateway duty: in-JVM token buckets per caller and route
 * class, limits from configuration, 429 problem+json with {@code Retry-After} and the IETF draft's
 * {@code RateLimit-Policy} / {@code RateLimit} headers.
 */
package dev.keystone.web.gateway.ratelimit;
