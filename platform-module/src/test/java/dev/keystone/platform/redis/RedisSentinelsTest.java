package dev.keystone.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.platform.redis.RedisSentinels.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisSentinelsTest {

  @Test
  void readsEverySentinelAndThePrimarysName() {
    var s =
        RedisSentinels.parse("redis-sentinel://localhost:26379,10.0.0.2:26380,sentinel-c/keystone");
    assertThat(s.primaryName()).isEqualTo("keystone");
    assertThat(s.sentinels())
        .containsExactly(
            new Node("localhost", 26379),
            new Node("10.0.0.2", 26380),
            new Node("sentinel-c", 26379));
    assertThat(s.password()).isNull();
    assertThat(s.tls()).isFalse();
  }

  @Test
  void readsThePasswordAndTlsAndNeverPrintsThePassword() {
    var s = RedisSentinels.parse("rediss-sentinel://:s3cret@a:1,b:2/main");
    assertThat(s.password()).isEqualTo("s3cret");
    assertThat(s.tls()).isTrue();
    assertThat(s.toString())
        .isEqualTo("rediss-sentinel://***@a:1,b:2/main")
        .doesNotContain("s3cret");
  }

  @Test
  void tellsSentinelUrlsFromServerUrls() {
    assertThat(RedisSentinels.isSentinelUrl("redis-sentinel://a/main")).isTrue();
    assertThat(RedisSentinels.isSentinelUrl(" rediss-sentinel://a/main")).isTrue();
    assertThat(RedisSentinels.isSentinelUrl("redis://a:6379")).isFalse();
    assertThat(RedisSentinels.isSentinelUrl(null)).isFalse();
  }

  @Test
  void refusesIncompleteUrls() {
    for (var bad :
        List.of(
            "redis-sentinel://a:26379",
            "redis-sentinel://a:26379/",
            "redis-sentinel:///main",
            "redis-sentinel://a:notaport/main",
            "redis-sentinel://a:0/main",
            "redis-sentinel://a,,b/main",
            "redis://a/main")) {
      assertThatThrownBy(() -> RedisSentinels.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> RedisSentinels.parse("redis-sentinel://:pw@a:x/main"))
        .hasMessageNotContaining("pw");
  }
}
