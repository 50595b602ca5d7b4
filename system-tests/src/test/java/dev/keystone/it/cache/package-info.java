/**
 * The cache of docs/architecture.md §5.1 and §5.2 against real Redis, PostgreSQL and Liberty:
 * stampedes on one and two servers (and without protection), stale-while-revalidate, XFetch, Redis
 * outages, near-cache coherence across servers and the invalidation races of the documented Redis
 * protocol.
 */
package dev.keystone.it.cache;
