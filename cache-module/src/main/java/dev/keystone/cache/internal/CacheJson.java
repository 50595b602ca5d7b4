package dev.keystone.cache.internal;

import dev.keystone.cache.CacheStatus;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.lang.reflect.Type;

/**
 * How cached values are written and read: the one JSON-B instance of the cache. It renders exactly
 * as the API's responses do (nulls left out, properties in lexical order: web-module's {@code
 * StrictJsonConfig}, compared by its {@code CachedJsonTest}), because a cached read's JSON is sent
 * as the response body ({@link CacheStatus#entity}).
 */
public final class CacheJson {

  private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

  private CacheJson() {}

  /** The JSON of {@code value}, rendered as {@code type}. */
  public static String write(Object value, Type type) {
    return JSON.toJson(value, type);
  }

  /** The value of {@code json} as {@code type}. */
  public static Object read(String json, Type type) {
    return JSON.fromJson(json, type);
  }
}
