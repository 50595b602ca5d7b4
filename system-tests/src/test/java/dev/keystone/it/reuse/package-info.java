/**
 * The libraries outside the shop: the notes sample (samples/notes-app), an application of its own
 * built only on the cache and outbox libraries, on a Liberty server of its own over the run's stack
 * (docs/libraries.md).
 */
package dev.keystone.it.reuse;
