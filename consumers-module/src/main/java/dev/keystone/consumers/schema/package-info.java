/** The consumers' own tables: their Flyway migrations, run at start-up and before a first event. */
package dev.keystone.consumers.schema;
