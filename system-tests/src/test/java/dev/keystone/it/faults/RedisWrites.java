package dev.keystone.it.faults;

import dev.keystone.it.support.KeystoneStack;
import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Makes Redis refuse every write command of its default user (the one Keystone and its consumers
 * use) and accept them again, through a separate ACL user of the test's own: a real write failure
 * that reads survive, with the data kept.
 */
final class RedisWrites {

  private static final String OPERATOR = "keystone-fault-operator";

  private final HostAndPort address;

  RedisWrites() {
    var uri = URI.create(KeystoneStack.get().devstack().endpoints().redisUrl());
    this.address = new HostAndPort(uri.getHost(), uri.getPort());
  }

  void refuse() {
    try (var jedis = new Jedis(address)) {
      jedis.aclSetUser(OPERATOR, "on", "nopass", "~*", "&*", "+@all");
    }
    try (var operator = operator()) {
      operator.aclSetUser("default", "-@write");
    }
  }

  void accept() {
    try (var operator = operator()) {
      operator.aclSetUser("default", "+@all");
      operator.aclDelUser(OPERATOR);
    }
  }

  private Jedis operator() {
    return new Jedis(
        address, DefaultJedisClientConfig.builder().user(OPERATOR).password("unused").build());
  }
}
