/**
 * RFC 9457 problem documents ({@code application/problem+json}), the one error shape of both WARs.
 */
package dev.keystone.platform.problem;
