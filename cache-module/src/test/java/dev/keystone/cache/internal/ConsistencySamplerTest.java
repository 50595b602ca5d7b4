package dev.keystone.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.cache.CurrentVersions;
import dev.keystone.platform.cachekeys.CacheKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsistencySamplerTest {

  private final Map<String, CacheEntry> redis = new HashMap<>();
  private final Map<String, Long> database = new HashMap<>();
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final List<String> scanned = new ArrayList<>();
  private Runnable whileTheDatabaseAnswers = () -> {};

  private final CurrentVersions products =
      new CurrentVersions() {
        @Override
        public String cache() {
          return "product";
        }

        @Override
        public Map<String, Long> of(Set<String> ids) {
          whileTheDatabaseAnswers.run();
          var found = new HashMap<String, Long>();
          ids.stream().filter(database::containsKey).forEach(id -> found.put(id, database.get(id)));
          return found;
        }
      };

  private final ConsistencySampler sampler =
      new ConsistencySampler(
          (cache, count) -> scanned.stream().limit(count).toList(), redis::get, clock::get);

  private void cached(long id, long version) {
    var key = CacheKeys.key("product", id);
    redis.put(key, new CacheEntry(version, 1, Long.MAX_VALUE, "{}"));
    scanned.add(key);
  }

  @Test
  void entriesAtTheDatabasesVersionAreConsistent() {
    cached(1, 3);
    cached(2, 1);
    database.put("1", 3L);
    database.put("2", 1L);

    var round = sampler.sample(products, 100);

    assertThat(round.sampled()).isEqualTo(2);
    assertThat(round.inconsistent()).isZero();
    assertThat(round.found()).isZero();
  }

  @Test
  void anOlderOrVanishedEntryIsFoundAndFollowedUntilItIsGone() {
    cached(1, 2);
    cached(2, 1);
    database.put("1", 3L); // the entry is older than the row
    // product 2 no longer exists

    var first = sampler.sample(products, 100);
    assertThat(first.inconsistent()).isEqualTo(2);
    assertThat(first.found()).isEqualTo(2);
    assertThat(first.oldestMs()).isZero();

    scanned.clear(); // the next sample does not meet them again: they are followed anyway
    clock.addAndGet(5_000);
    var second = sampler.sample(products, 100);
    assertThat(second.inconsistent()).isEqualTo(2);
    assertThat(second.found()).as("not counted twice").isZero();
    assertThat(second.oldestMs()).isEqualTo(5_000);

    redis.remove(CacheKeys.key("product", 1)); // evicted at last
    redis.remove(CacheKeys.key("product", 2));
    clock.addAndGet(5_000);
    var third = sampler.sample(products, 100);
    assertThat(third.inconsistent()).isZero();
    assertThat(third.oldestMs()).isZero();
  }

  @Test
  void anEvictionLandingWhileTheDatabaseAnswersIsNotAnInconsistency() {
    cached(1, 2);
    database.put("1", 3L); // a write committed; its after-commit eviction is on its way
    whileTheDatabaseAnswers = () -> redis.remove(CacheKeys.key("product", 1));

    assertThat(sampler.sample(products, 100).inconsistent()).isZero();
  }

  @Test
  void theSampleIsBounded() {
    for (long id = 1; id <= 50; id++) {
      cached(id, 1);
      database.put(Long.toString(id), 2L);
    }
    var round = sampler.sample(products, 10);
    assertThat(round.sampled()).isEqualTo(10);
    assertThat(round.found()).isEqualTo(10);
  }

  @Test
  void theIdIsTheTextBetweenTheCacheNameAndTheClosingBrace() {
    assertThat(ConsistencySampler.idOf("order", CacheKeys.key("order", "17@5"))).isEqualTo("17@5");
    assertThat(ConsistencySampler.idOf("product", CacheKeys.key("product", 42))).isEqualTo("42");
  }
}
