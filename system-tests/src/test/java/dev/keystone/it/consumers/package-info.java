/**
 * Integration tests of the consumers: they publish events straight to the topics with the
 * documented envelope — exactly what the consumers' independence from the producer allows — and
 * check each consumer's own state, the mail the SMTP server received, the dead-letter topic and
 * parking, rebuilds from the log, and consumer servers that crash.
 */
package dev.keystone.it.consumers;
