/**
 * Hostile input generated from the API description: every operation of the served OpenAPI document,
 * every parameter, body field and header the API reads, with every role.
 */
package dev.keystone.it.hostile;
