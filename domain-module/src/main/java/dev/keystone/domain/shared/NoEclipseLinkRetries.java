package dev.keystone.domain.shared;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.lang.reflect.InvocationTargetException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns off EclipseLink's retries when PostgreSQL is unreachable, so that a refused request gets
 * its 503 after the data source's deadlines (about a second, docs/operations.md#database-deadlines)
 * instead of ~10 s: by default EclipseLink validates the connection after a failure outside a
 * transaction, or when beginning one, and, finding it dead, tries twice more, 5 s apart. No
 * persistence-unit property controls that, and Liberty does not show EclipseLink's own API to the
 * application (it is "third-party"), so a {@code SessionCustomizer} cannot be written; the
 * session's login is reached by reflection on its public methods instead, once at start-up.
 * PostgresDownIT and PostgresHungIT fail if the retries come back.
 */
@ApplicationScoped
public class NoEclipseLinkRetries {

  private static final Logger LOG = Logger.getLogger(NoEclipseLinkRetries.class.getName());

  @PersistenceUnit(unitName = "keystone")
  EntityManagerFactory factory;

  /**
   * After the schema migration (which waits for PostgreSQL and leaves warm connections in the
   * pool): the session logs in here. A failure is logged, never fails the deployment.
   */
  void turnOff(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 600)
          @Initialized(ApplicationScoped.class)
          Object ignored) {
    try {
      var entityManager = factory.createEntityManager();
      try {
        // EclipseLink's EntityManagerImpl → ServerSession → DatabaseLogin, all public
        Object session = call(entityManager.getDelegate(), "getServerSession");
        Object login = call(session, "getLogin");
        login.getClass().getMethod("setQueryRetryAttemptCount", int.class).invoke(login, 0);
      } finally {
        entityManager.close();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not turn off EclipseLink's retries: a request refused while PostgreSQL is"
              + " unreachable may take ~10 s",
          e instanceof InvocationTargetException ite ? ite.getCause() : e);
    }
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    return target.getClass().getMethod(method).invoke(target);
  }
}
