/** Errors of the consumers' endpoints as problem+json, with the platform's mappers. */
package dev.keystone.consumers.problem;
