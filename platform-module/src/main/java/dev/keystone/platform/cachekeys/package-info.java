/**
 * The cache's key scheme, {@code keystone:v2:{<cache>:<id>}}: written once and shared by the cache
 * library and the consumers' cache refresher (docs/cache.md).
 */
package dev.keystone.platform.cachekeys;
