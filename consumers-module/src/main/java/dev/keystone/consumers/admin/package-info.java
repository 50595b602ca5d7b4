/**
 * The operators' endpoints of the consumers WAR: list, replay or discard parked messages ({@code
 * /consumers/admin/parked}).
 */
package dev.keystone.consumers.admin;
