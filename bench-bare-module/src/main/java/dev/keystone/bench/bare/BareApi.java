package dev.keystone.bench.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The floor's JAX-RS application (context root {@code /bare}): the one resource and nothing else,
 * named explicitly so that no provider is discovered by scanning.
 */
@ApplicationPath("/")
public class BareApi extends Application {

  private final Set<Object> singletons = Set.of(new NoopResource());

  @Override
  public Set<Object> getSingletons() {
    return singletons;
  }
}
