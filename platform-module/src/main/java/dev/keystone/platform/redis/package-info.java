/**
 * Where Redis is, parsed once from {@code KEYSTONE_REDIS_URL}, for every module that talks to it.
 */
package dev.keystone.platform.redis;
