/**
 * The operators' endpoints of the consumers WAR: list, replay or discard parked messages ({@code
 * /consumers/admin/parked}) and prune the dedup store now ({@code /consumers/admin/dedup/prune}).
 */
package dev.keystone.consumers.admin;
