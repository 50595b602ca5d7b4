package dev.keystone.domain.catalog;

import dev.keystone.cache.CurrentVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Products' current versions, for the cache's consistency sampler (docs/cache.md). */
@ApplicationScoped
public class ProductVersions implements CurrentVersions {

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Override
  public String cache() {
    return ProductService.CACHE;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Long> of(Set<String> ids) {
    var numbers = ids.stream().filter(id -> id.matches("\\d{1,18}")).map(Long::valueOf).toList();
    var versions = new HashMap<String, Long>();
    if (numbers.isEmpty()) {
      return versions;
    }
    em.createQuery("select p.id, p.version from Product p where p.id in :ids", Object[].class)
        .setParameter("ids", numbers)
        .getResultList()
        .forEach(row -> versions.put(row[0].toString(), (Long) row[1]));
    return versions;
  }
}
