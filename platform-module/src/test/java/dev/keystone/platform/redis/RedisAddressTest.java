package dev.keystone.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisAddressTest {

  @Test
  void readsHostPortAndNoPassword() {
    var a = RedisAddress.parse("redis://localhost:16379");
    assertThat(a).isEqualTo(new RedisAddress("localhost", 16379, null, false));
  }

  @Test
  void defaultsThePortAndReadsBothPasswordForms() {
    assertThat(RedisAddress.parse("redis://:s3cret@cache.internal").port()).isEqualTo(6379);
    assertThat(RedisAddress.parse("redis://:s3cret@cache.internal").password()).isEqualTo("s3cret");
    assertThat(RedisAddress.parse("rediss://app:s3cret@cache:6380"))
        .isEqualTo(new RedisAddress("cache", 6380, "s3cret", true));
  }

  @Test
  void neverPrintsThePassword() {
    assertThat(RedisAddress.parse("redis://:s3cret@cache:6380").toString())
        .isEqualTo("redis://***@cache:6380")
        .doesNotContain("s3cret");
  }

  @Test
  void refusesWhatIsNotARedisUrl() {
    assertThatThrownBy(() -> RedisAddress.parse("http://cache:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://");
    assertThatThrownBy(() -> RedisAddress.parse("redis://"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisAddress.parse("redis://:pw@host:notaport"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> RedisAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
