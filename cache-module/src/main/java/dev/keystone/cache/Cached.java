package dev.keystone.cache;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Serves the method's result from Redis when present; otherwise runs the method (the loader) and
 * stores its result. The key is {@code keystone:v2:{<cache>:<first parameter>}}; the value is JSON.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface Cached {

  /** The cache name: the key namespace and the configuration prefix. */
  @Nonbinding
  String cache() default "";
}
