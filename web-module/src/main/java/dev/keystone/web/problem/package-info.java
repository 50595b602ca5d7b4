/**
 * The one error mapping: every failure leaves as RFC 9457 {@code application/problem+json} with the
 * right 4xx status, and only a genuine fault becomes a 500 (without internals).
 */
package dev.keystone.web.problem;
