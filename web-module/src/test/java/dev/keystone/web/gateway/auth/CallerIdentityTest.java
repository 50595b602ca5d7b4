package dev.keystone.web.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerIdentityTest {

  private static CallerIdentity of(String subject, String... roles) {
    var identity = new CallerIdentity();
    identity.set(new Caller(subject, subject, Set.of(roles)));
    return identity;
  }

  @Test
  void aCustomerActsOnlyForTheirOwnCustomerId() {
    var customer = of("42", "customer");
    assertThat(customer.customerId()).hasValue(42);
    assertThatCode(() -> customer.requireSelfOrAdmin(42)).doesNotThrowAnyException();
    assertThatThrownBy(() -> customer.requireSelfOrAdmin(43))
        .isInstanceOf(NotOwner.class)
        .hasMessageContaining("another customer");
  }

  @Test
  void anAdminActsForAnyone() {
    var admin = of("alice", "admin");
    assertThat(admin.customerId()).isEmpty();
    assertThatCode(() -> admin.requireSelfOrAdmin(43)).doesNotThrowAnyException();
  }

  @Test
  void nobodyElsePasses() {
    assertThatThrownBy(() -> new CallerIdentity().requireSelfOrAdmin(1))
        .isInstanceOf(NotOwner.class);
    assertThatThrownBy(() -> of("bob", "customer").requireSelfOrAdmin(1))
        .isInstanceOf(NotOwner.class);
    assertThatThrownBy(() -> of("1", "auditor").requireSelfOrAdmin(1)).isInstanceOf(NotOwner.class);
  }
}
