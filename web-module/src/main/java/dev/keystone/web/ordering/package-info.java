/** Orders over HTTP: thin adapters from HTTP to {@code OrderService} and {@code OrderLookup}. */
package dev.keystone.web.ordering;
