package dev.keystone.domain.shared;

/** The requested aggregate does not exist. */
public final class NotFound extends DomainException {

  private static final long serialVersionUID = 1L;

  public NotFound(String aggregateType, Object id) {
    super("No " + aggregateType + " with id " + id + ".");
  }

  @Override
  public int status() {
    return 404;
  }

  @Override
  public String title() {
    return "Not found";
  }

  @Override
  public String type() {
    return "not-found";
  }
}
