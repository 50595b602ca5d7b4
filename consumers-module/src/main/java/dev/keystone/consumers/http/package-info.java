/** HTTP helpers of the consumers' own API: problem documents (RFC 9457) for bad requests. */
package dev.keystone.consumers.http;
