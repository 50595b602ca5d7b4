/**
 * The fault suite: one test per failure in docs/architecture.md §5, each printing what it measured
 * through {@link dev.keystone.it.support.FaultReport}. The tests tagged {@code fault} elsewhere
 * (outbox, cache, consumers, health) belong to it too. {@code ./mvnw verify} runs the fast sizes;
 * {@code ./mvnw verify -Pfaults} runs only the suite, at full size.
 */
package dev.keystone.it.faults;
