package dev.keystone.web.http;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.EntityTag;

/**
 * ETags are the aggregate's {@code @Version}; a change must name the version it was based on in
 * {@code If-Match} (RFC 9110 §13.1.1), so a lost update is impossible.
 */
public final class Preconditions {

  private static final int PRECONDITION_REQUIRED = 428;
  private static final int PRECONDITION_FAILED = 412;

  private Preconditions() {}

  /** The strong ETag of a version. */
  public static EntityTag etag(long version) {
    return new EntityTag(Long.toString(version));
  }

  /**
   * The version an {@code If-Match} header names.
   *
   * @throws ClientErrorException 428 if the header is missing, 412 if it names no single version (a
   *     list, {@code *}, or garbage can never match a version, so it is a failed precondition)
   */
  public static long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ClientErrorException(
          "If-Match is required: send the ETag of the representation you changed.",
          PRECONDITION_REQUIRED);
    }
    var version = versionOf(ifMatch);
    if (version == null) {
      throw new ClientErrorException(
          "If-Match " + ifMatch + " names no current version.", PRECONDITION_FAILED);
    }
    return version;
  }

  /** The version a single strong or weak tag names, or null if it names none. */
  static Long versionOf(String ifMatch) {
    var tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    return tag.matches("\\d{1,18}") ? Long.valueOf(tag) : null;
  }
}
