package dev.keystone.domain.shared;

/**
 * The request is well formed but cannot be carried out as asked: it refers to something that does
 * not exist (an unknown product in an order) or combines values the rules forbid (two currencies in
 * one order, an idempotency key reused for another request).
 */
public class Unprocessable extends DomainException {

  private static final long serialVersionUID = 1L;
  private final String type;

  public Unprocessable(String type, String message) {
    super(message);
    this.type = type;
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String title() {
    return "Unprocessable request";
  }

  @Override
  public String type() {
    return type;
  }
}
