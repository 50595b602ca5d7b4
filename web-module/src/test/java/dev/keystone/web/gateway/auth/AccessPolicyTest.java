package dev.keystone.web.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final Set<String> ADMIN = Set.of("admin");
  private static final Set<String> CUSTOMER = Set.of("customer");

  @Test
  void anAdminMayDoEverything() {
    assertThat(AccessPolicy.allows("POST", "/products", ADMIN)).isTrue();
    assertThat(AccessPolicy.allows("DELETE", "/anything/new", ADMIN)).isTrue();
  }

  @Test
  void aCustomerMayReadTheCatalogAndWorkWithOrders() {
    assertThat(AccessPolicy.allows("GET", "/products", CUSTOMER)).isTrue();
    assertThat(AccessPolicy.allows("GET", "products/7", CUSTOMER)).isTrue();
    assertThat(AccessPolicy.allows("POST", "/orders", CUSTOMER)).isTrue();
    assertThat(AccessPolicy.allows("GET", "/orders/9", CUSTOMER)).isTrue();
    assertThat(AccessPolicy.allows("POST", "/orders/9/cancel", CUSTOMER)).isTrue();
    assertThat(AccessPolicy.allows("GET", "/customers/42", CUSTOMER)).isTrue();
  }

  @Test
  void aCustomerMayNotChangeTheCatalogOrReachUnlistedRoutes() {
    assertThat(AccessPolicy.allows("POST", "/products", CUSTOMER)).isFalse();
    assertThat(AccessPolicy.allows("PUT", "/products/7", CUSTOMER)).isFalse();
    assertThat(AccessPolicy.allows("POST", "/products/7/stock-adjustments", CUSTOMER)).isFalse();
    assertThat(AccessPolicy.allows("POST", "/customers", CUSTOMER)).isFalse();
    assertThat(AccessPolicy.allows("GET", "/orders", CUSTOMER)).isFalse();
    assertThat(AccessPolicy.allows("GET", "/something-new", CUSTOMER)).isFalse();
  }

  @Test
  void onlyAnAdminReachesTheOperatorsTools() {
    var id = "/ops/outbox/stuck/0193a1b2-0000-7000-8000-000000000001";
    for (var route :
        new String[][] {
          {"GET", "/ops/summary"},
          {"GET", "/ops/outbox/stuck"},
          {"POST", id + "/retry"},
          {"POST", id + "/skip"}
        }) {
      assertThat(AccessPolicy.allows(route[0], route[1], ADMIN)).as(route[1]).isTrue();
      assertThat(AccessPolicy.allows(route[0], route[1], CUSTOMER)).as(route[1]).isFalse();
      assertThat(AccessPolicy.allows(route[0], route[1], Set.of())).as(route[1]).isFalse();
    }
  }

  @Test
  void noRoleOpensNothing() {
    assertThat(AccessPolicy.allows("GET", "/products/1", Set.of())).isFalse();
    assertThat(AccessPolicy.allows("GET", "/products/1", Set.of("Admin"))).isFalse();
  }
}
