package dev.keystone.web.gateway.auth;

/**
 * The caller may use the route but not on this customer's data; answered 403 by {@link
 * NotOwnerMapper}.
 */
public class NotOwner extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotOwner() {
    super("This belongs to another customer.", null, false, false);
  }
}
