/** Customers over HTTP: thin adapters from HTTP to {@code CustomerService}. */
package dev.keystone.web.customers;
