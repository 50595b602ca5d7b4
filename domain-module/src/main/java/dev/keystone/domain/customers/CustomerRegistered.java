package dev.keystone.domain.customers;

/** A customer registered; carries the address the email consumer writes to. */
public record CustomerRegistered(long customerId, String name, String email, long version)
    implements CustomerEvents {

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventName() {
    return "registered";
  }
}
