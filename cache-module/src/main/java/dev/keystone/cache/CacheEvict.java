package dev.keystone.cache;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Deletes the cache entry keyed by the method's first parameter after the surrounding JTA
 * transaction commits (never before: an eviction before commit lets a concurrent read put the old
 * value back). Without a transaction the entry is deleted at once.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface CacheEvict {

  /** The cache name, as in {@link Cached#cache()}. */
  @Nonbinding
  String cache() default "";
}
