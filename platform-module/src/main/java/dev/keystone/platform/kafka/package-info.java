/** Settings shared by every Kafka client of the application: transport security. */
package dev.keystone.platform.kafka;
