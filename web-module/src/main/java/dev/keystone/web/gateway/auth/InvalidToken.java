package dev.keystone.web.gateway.auth;

/** Why a bearer token was refused; the message is safe to show to the caller. */
public final class InvalidToken extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidToken(String message) {
    super(message, null, false, false);
  }
}
