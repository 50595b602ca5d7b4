/**
 * A tiny application that is not the shop, built only on the cache and outbox libraries (and the
 * platform under them), exactly as another team would use them (docs/libraries.md): notes with a
 * text and a version, in their own schema; reads cached through {@link dev.keystone.cache.Cached},
 * evicted after commit on every edit (through {@link dev.keystone.cache.CacheEvictions}), every
 * change announced as an {@link dev.keystone.outbox.OutboxEvent} on its own topic, {@code
 * keystone.note}.
 */
package dev.keystone.samples.notes;
