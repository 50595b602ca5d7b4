package dev.keystone.web.gateway.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * The request's caller, for the ownership checks the route table cannot express. Resources inject
 * it and call {@link #requireSelfOrAdmin(long)} with the customer id that owns what they are about
 * to read or change: an admin may act for anyone, a customer only for the customer id in their
 * token's {@code sub}. A refusal is a 403 problem.
 */
@RequestScoped
public class CallerIdentity {
  private Caller caller = Caller.ANONYMOUS;

  /** Set once by the gateway's authentication filter. */
  void set(Caller caller) {
    this.caller = caller;
  }

  public Caller caller() {
    return caller;
  }

  public boolean isAdmin() {
    return caller.hasRole(Caller.ADMIN);
  }

  /**
   * The caller's customer id: the token's subject when the caller has the {@code customer} role and
   * the subject is a number; otherwise empty.
   */
  public java.util.OptionalLong customerId() {
    if (!caller.hasRole(Caller.CUSTOMER)) {
      return java.util.OptionalLong.empty();
    }
    try {
      return java.util.OptionalLong.of(Long.parseLong(caller.subject()));
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /**
   * Passes for an admin and for the customer whose id is {@code ownerCustomerId}; throws a 403
   * otherwise.
   *
   * @throws NotOwner mapped to a 403 {@code application/problem+json}
   */
  public void requireSelfOrAdmin(long ownerCustomerId) {
    if (isAdmin()) {
      return;
    }
    var own = customerId();
    if (own.isEmpty() || own.getAsLong() != ownerCustomerId) {
      throw new NotOwner();
    }
  }
}
