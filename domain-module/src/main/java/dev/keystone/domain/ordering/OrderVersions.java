package dev.keystone.domain.ordering;

import dev.keystone.cache.CurrentVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders' current versions, for the cache's consistency sampler (docs/cache.md). An order is cached
 * under {@code <orderId>} and {@code <orderId>@<customerId>} ({@link OrderLookup}); both carry the
 * order's version.
 */
@ApplicationScoped
public class OrderVersions implements CurrentVersions {

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Override
  public String cache() {
    return OrderLookup.CACHE;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Long> of(Set<String> ids) {
    var byOrder = new HashMap<Long, List<String>>();
    for (var id : ids) {
      var order = id.split("@", 2)[0];
      if (order.matches("\\d{1,18}")) {
        byOrder.computeIfAbsent(Long.valueOf(order), o -> new ArrayList<>()).add(id);
      }
    }
    var versions = new HashMap<String, Long>();
    if (byOrder.isEmpty()) {
      return versions;
    }
    em.createQuery("select o.id, o.version from ShopOrder o where o.id in :ids", Object[].class)
        .setParameter("ids", byOrder.keySet())
        .getResultList()
        .forEach(row -> byOrder.get((Long) row[0]).forEach(id -> versions.put(id, (Long) row[1])));
    return versions;
  }
}
