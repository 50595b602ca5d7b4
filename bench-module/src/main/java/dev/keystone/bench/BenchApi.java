package dev.keystone.bench;

import jakarta.transaction.UserTransaction;
import jakarta.validation.Validator;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The bench WAR's JAX-RS application; the benchmark deploys it at context root {@code /bench}.
 *
 * <p>The WAR is not a CDI application ({@code WEB-INF/beans.xml} discovers nothing): Liberty's
 * Reactive Messaging wires every Kafka channel of the server into each CDI application, and a WAR
 * that consumes nothing would then fail to start. So the application builds its resources and
 * providers itself, once, and looks the data source, the transaction and the validator up in JNDI.
 * The Jedis pool lives as long as the node: the benchmark stops the server, never the WAR alone.
 */
@ApplicationPath("/")
public class BenchApi extends Application {

  private final Set<Object> singletons;

  public BenchApi() {
    DataSource database = lookup("jdbc/keystone");
    UserTransaction transaction = lookup("java:comp/UserTransaction");
    Validator validator = lookup("java:comp/Validator");
    this.singletons =
        Set.of(
            new BearerCheck(new BenchTokens()),
            new Problems(),
            new ReferenceResource(new BareRedis(), database),
            new PlainWrites(database, transaction, validator));
  }

  @Override
  public Set<Object> getSingletons() {
    return singletons;
  }

  private static <T> T lookup(String name) {
    try {
      return InitialContext.doLookup(name);
    } catch (NamingException e) {
      throw new IllegalStateException("the bench WAR needs " + name, e);
    }
  }
}
