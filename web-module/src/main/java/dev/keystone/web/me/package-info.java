/** {@code GET /api/me}: who the gateway says the caller is. */
package dev.keystone.web.me;
