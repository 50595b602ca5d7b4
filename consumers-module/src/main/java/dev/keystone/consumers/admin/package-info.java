/**
 * The operators' endpoints of the consumers WAR: list, replay or discard parked messages ({@code
 * /consumers/admin/parked}), prune the dedup store now ({@code /consumers/admin/dedup/prune}) and
 * rebuild a consumer from the log ({@code /consumers/admin/rebuilds}).
 */
package dev.keystone.consumers.admin;
