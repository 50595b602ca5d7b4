/** Bean Validation constraints that every text input of both WARs shares. */
package dev.keystone.platform.validation;
