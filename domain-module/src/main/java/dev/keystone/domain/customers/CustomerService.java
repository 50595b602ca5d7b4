package dev.keystone.domain.customers;

import dev.keystone.domain.shared.DomainEvent;
import dev.keystone.domain.shared.NotFound;
import dev.keystone.domain.shared.PersistenceErrors;
import dev.keystone.platform.jdbc.DatabaseWork;
import dev.keystone.platform.tracing.Spanned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * Registering and reading customers: the application service of docs/architecture.md §2.
 * Registration writes PostgreSQL and fires {@link CustomerRegistered} in the same JTA transaction
 * (the outbox makes it durable).
 */
@ApplicationScoped
@DatabaseWork
@Spanned // docs/tracing.md: a span around each call, its transaction included
public class CustomerService {

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Inject Event<DomainEvent> events;

  /**
   * Registers a customer and emits {@link CustomerRegistered}.
   *
   * @throws DuplicateEmail if the address is taken, also when a concurrent registration wins
   */
  @Transactional
  public CustomerView register(String name, String email) {
    var customer = new Customer(name, email);
    if (emailTaken(customer.email())) {
      throw new DuplicateEmail(customer.email());
    }
    em.persist(customer);
    try {
      em.flush(); // assigns id and version; a racing registration fails on the unique constraint
    } catch (PersistenceException e) {
      if (PersistenceErrors.isUniqueViolation(e)) {
        throw new DuplicateEmail(customer.email());
      }
      throw e;
    }
    events.fire(customer.registered());
    return customer.view();
  }

  /**
   * Reads one customer.
   *
   * @throws NotFound if there is no such customer
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CustomerView find(long id) {
    var customer = em.find(Customer.class, id);
    if (customer == null) {
      throw new NotFound("customer", id);
    }
    return customer.view();
  }

  /** True if a customer with this id exists (for references from other aggregates). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean exists(long id) {
    return em.find(Customer.class, id) != null;
  }

  private boolean emailTaken(String email) {
    return !em.createQuery("select c.id from Customer c where c.email = :email", Long.class)
        .setParameter("email", email)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
