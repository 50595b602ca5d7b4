package dev.keystone.it.shop;

import static dev.keystone.it.shop.Shop.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.util.ArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * A row held locked by another transaction past the lock timeout ({@code
 * KEYSTONE_DB_LOCK_TIMEOUT_MS}, 750 ms; docs/operations.md#database-deadlines): PostgreSQL ends the
 * wait itself, and the request answers 503 {@code database-busy} with {@code Retry-After: 1} — not
 * "database unavailable", not after the socket timeout, and without opening the database breaker,
 * so requests for other rows keep answering. Nothing of a refused order is written, and the same
 * order succeeds once the lock is gone.
 */
@KeystoneIT
class RowLockWaitIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void aRowLockedPastTheLockTimeoutIsABusyRefusalThatLeavesEverythingElseServing()
      throws Exception {
    long locked = shop.product("2.00", 10);
    long free = shop.product("2.00", 10);
    long customer = shop.customer();
    var line = "[{\"productId\":%d,\"quantity\":1}]";
    var waits = new ArrayList<Long>();
    try (var holder = KeystoneStack.get().database()) {
      holder.setAutoCommit(false);
      try (var s = holder.prepareStatement("select stock from products where id = ? for update")) {
        s.setLong(1, locked);
        s.executeQuery().close();
      }
      // more refusals in a row than open the breaker (3): lock waits must not count as an outage
      for (int i = 0; i < 4; i++) {
        long start = System.nanoTime();
        var refused = shop.order(customer, line.formatted(locked));
        waits.add((System.nanoTime() - start) / 1_000_000);
        assertProblem(refused, 503, "database-busy");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
      }
      var other = shop.order(customer, line.formatted(free));
      assertThat(other.status()).as("another row, the breaker closed: " + other).isEqualTo(201);
      holder.rollback();
    }
    System.out.printf(
        "ROW LOCK: 4 orders for a row locked by another transaction answered 503 database-busy"
            + " in %s ms; an order for another row 201 meanwhile%n",
        waits);
    assertThat(waits)
        .as("each waited for the lock (750 ms), and was answered before the socket timeout's 1 s")
        .allSatisfy(ms -> assertThat(ms).isBetween(600L, 2_000L));
    assertThat(Shop.stock(locked)).as("no refused order took stock").isEqualTo(10);
    assertThat(
            Shop.single(
                "select count(*) from order_lines l join orders o on o.id = l.order_id"
                    + " where o.customer_id = "
                    + customer
                    + " and l.product_id = "
                    + locked))
        .as("no refused order was written")
        .isZero();

    var again = shop.order(customer, line.formatted(locked));
    assertThat(again.status()).as("the lock gone: " + again).isEqualTo(201);
    assertThat(Shop.stock(locked)).isEqualTo(9);
  }
}
