package dev.keystone.domain.shared;

/** The request contradicts the current state: a duplicate unique value, a forbidden transition. */
public class Conflict extends DomainException {

  private static final long serialVersionUID = 1L;
  private final String type;

  public Conflict(String type, String message) {
    super(message);
    this.type = type;
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String title() {
    return "Conflict";
  }

  @Override
  public String type() {
    return type;
  }
}
