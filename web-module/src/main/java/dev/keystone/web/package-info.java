/**
 * The architecture's API gateway and the HTTP face of the application service: JAX-RS filters for
 * correlation (and later authentication and rate limits) in {@code gateway}, thin resources per
 * feature, and one problem+json mapping in {@code problem}. No domain logic lives here.
 */
package dev.keystone.web;
