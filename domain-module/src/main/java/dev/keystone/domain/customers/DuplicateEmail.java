package dev.keystone.domain.customers;

import dev.keystone.domain.shared.Conflict;

/** Another customer already registered this email address. */
public final class DuplicateEmail extends Conflict {

  private static final long serialVersionUID = 1L;

  public DuplicateEmail(String email) {
    super("duplicate-email", "A customer with email '" + email + "' already exists.");
  }
}
