/**
 * Customers: a name and a unique email. Emits {@link dev.keystone.domain.customers.CustomerEvents};
 * the email consumer learns addresses from {@code CustomerRegistered}, never by asking the
 * application.
 */
package dev.keystone.domain.customers;
