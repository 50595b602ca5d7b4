package dev.keystone.it.hostile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * A deterministic subset of the generated probes: the first probe of every operation × role × kind
 * (so that every parameter, field and header is tried by every role), then a seeded random sample
 * of the rest up to the size asked for, all in generation order.
 */
final class Selection {

  private Selection() {}

  static List<Probe> of(List<Probe> all, int size, long seed) {
    if (size >= all.size()) {
      return all;
    }
    var strata = new LinkedHashMap<String, Integer>();
    var chosen = new boolean[all.size()];
    for (int i = 0; i < all.size(); i++) {
      var p = all.get(i);
      if (strata.putIfAbsent(p.operation() + "|" + p.role() + "|" + p.kind(), i) == null) {
        chosen[i] = true;
      }
    }
    var rest = new ArrayList<Integer>();
    for (int i = 0; i < all.size(); i++) {
      if (!chosen[i]) {
        rest.add(i);
      }
    }
    Collections.shuffle(rest, new Random(seed));
    int missing = size - strata.size();
    for (int i = 0; i < missing && i < rest.size(); i++) {
      chosen[rest.get(i)] = true;
    }
    var out = new ArrayList<Probe>();
    for (int i = 0; i < all.size(); i++) {
      if (chosen[i]) {
        out.add(all.get(i));
      }
    }
    return out;
  }
}
