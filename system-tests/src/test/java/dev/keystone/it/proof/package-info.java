/**
 * The proof suite: Keystone's claims made executable — hostile input, faults, and the figures they
 * measure.
 */
package dev.keystone.it.proof;
