package dev.keystone.cache.internal;

import java.lang.reflect.Type;
import java.util.concurrent.Callable;

/**
 * One call of a {@code @Cached} method, as {@link CacheEngine} sees it: which key it reads, what
 * type it returns and how to run its loader. The interceptor builds it from the invocation; unit
 * tests build it around a counting loader.
 */
interface CachedCall {

  /** The cache name. */
  String cache();

  /** The Redis key ({@code keystone:v2:{<cache>:<id>}}). */
  String key();

  /** The method's return type, for the JSON. */
  Type type();

  /** Runs the loader on this thread (the rest of the invocation chain). */
  Object load() throws Exception;

  /**
   * The loader as a task for another thread (a background refresh), taken on the request thread: it
   * calls the method itself, with the cache stepping aside (the refresh must not answer from the
   * cache it refreshes).
   */
  Callable<Object> detached();
}
