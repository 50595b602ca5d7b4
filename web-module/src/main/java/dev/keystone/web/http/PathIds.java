package dev.keystone.web.http;

/**
 * The one shape of an id in a path: a canonical positive decimal. Anything else ({@code 01}, {@code
 * +1}, full-width digits that {@code Long.parseLong} would accept) matches no resource and is a 404
 * problem, so one resource never answers under several spellings.
 */
public final class PathIds {

  /** JAX-RS path regex for an id segment. */
  public static final String ID = "[1-9][0-9]{0,17}";

  private PathIds() {}
}
