package dev.keystone.domain.customers;

/** A customer as reads return it: plain values and the version ({@code ETag}) it was read at. */
public record CustomerView(long id, String name, String email, long version) {}
