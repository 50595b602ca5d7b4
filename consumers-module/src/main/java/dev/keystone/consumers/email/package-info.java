/**
 * The email consumer: its own projection of customers (from {@code CustomerRegistered}), an email
 * outbox written in the consumer's transaction on {@code OrderPlaced} and {@code OrderCancelled},
 * and a sender that delivers each row once through Jakarta Mail with a Message-ID derived from the
 * event id.
 */
package dev.keystone.consumers.email;
