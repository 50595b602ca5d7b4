/**
 * The event-driven cache refresh (docs/architecture.md §5.2, optional mitigation): evicts product
 * cache entries from product events through the cache's documented key scheme, sharing its
 * contract, not its code.
 */
package dev.keystone.consumers.cache;
