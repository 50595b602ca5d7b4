/**
 * What every feature of the application service shares: the {@link
 * dev.keystone.domain.shared.DomainEvent} contract that messaging-module turns into outbox rows,
 * the {@link dev.keystone.domain.shared.DomainException} family that the web layer maps to
 * problem+json, and the request's correlation id.
 */
package dev.keystone.domain.shared;
