/** The catalog's HTTP resources: thin adapters from HTTP to {@code ProductService}. */
package dev.keystone.web.catalog;
