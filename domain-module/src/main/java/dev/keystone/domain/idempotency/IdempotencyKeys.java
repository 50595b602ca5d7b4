package dev.keystone.domain.idempotency;

import dev.keystone.domain.shared.Conflict;
import dev.keystone.domain.shared.Unprocessable;
import dev.keystone.platform.jdbc.DatabaseWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a state change at most once per idempotency key, in the change's own JTA transaction: the
 * key row, the change, its outbox rows and the recorded response commit together or not at all.
 *
 * <p>Concurrency: the first request inserts the key row; a second request with the same key blocks
 * on that uncommitted row (PostgreSQL's unique-index wait) until the first commits, then replays
 * its response. If the first fails, its row rolls back with it and the waiting request runs the
 * change itself. Failures are therefore never recorded: a retry after a 409 tries again.
 */
@ApplicationScoped
@DatabaseWork
public class IdempotencyKeys {

  private static final String CLAIM =
      """
      insert into idempotency_keys (scope, idem_key, request_hash, expires_at)
      values (?1, ?2, ?3, now() + make_interval(hours => cast(?4 as integer)))
      on conflict (scope, idem_key) do update
         set request_hash = excluded.request_hash, expires_at = excluded.expires_at,
             created_at = now(), response_status = null, response_location = null,
             response_etag = null, response_body = null
       where idempotency_keys.expires_at < now()
      """;

  @PersistenceContext(unitName = "keystone")
  EntityManager em;

  @Inject
  @ConfigProperty(name = "keystone.idempotency.ttl-hours", defaultValue = "24")
  int ttlHours;

  /**
   * Runs {@code change} unless this key was used before; then replays the recorded response.
   *
   * @param scope what the key is for, e.g. {@code POST /api/orders}
   * @param request the request in a canonical form; its hash tells a retry from a misuse
   * @throws Unprocessable if the key was used for a different request
   */
  @Transactional
  public IdempotentOutcome execute(
      String scope, String key, String request, Supplier<RecordedResponse> change) {
    var hash = sha256(request);
    int claimed =
        em.createNativeQuery(CLAIM)
            .setParameter(1, scope)
            .setParameter(2, key)
            .setParameter(3, hash)
            .setParameter(4, ttlHours)
            .executeUpdate();
    if (claimed == 1) {
      var response = change.get();
      record(scope, key, response);
      return new IdempotentOutcome(response, false);
    }
    return new IdempotentOutcome(recorded(scope, key, hash), true);
  }

  /** Deletes expired keys; returns how many. */
  @Transactional
  public int prune() {
    return em.createNativeQuery("delete from idempotency_keys where expires_at < now()")
        .executeUpdate();
  }

  private void record(String scope, String key, RecordedResponse response) {
    em.createNativeQuery(
            "update idempotency_keys set response_status = ?3, response_location = ?4,"
                + " response_etag = ?5, response_body = ?6 where scope = ?1 and idem_key = ?2")
        .setParameter(1, scope)
        .setParameter(2, key)
        .setParameter(3, response.status())
        .setParameter(4, response.location())
        .setParameter(5, response.etag())
        .setParameter(6, response.body())
        .executeUpdate();
  }

  private RecordedResponse recorded(String scope, String key, String hash) {
    var row =
        (Object[])
            em.createNativeQuery(
                    "select request_hash, response_status, response_location, response_etag,"
                        + " response_body from idempotency_keys where scope = ?1 and idem_key = ?2")
                .setParameter(1, scope)
                .setParameter(2, key)
                .getSingleResult();
    if (!hash.equals(String.valueOf(row[0]).trim())) {
      throw new Unprocessable(
          "idempotency-key-reused",
          "The Idempotency-Key '" + key + "' was used for a different request.");
    }
    if (row[1] == null) {
      // cannot happen after the claim waited for the owner; kept as a clear answer, not a 500
      throw new Conflict("idempotency-key-in-flight", "A request with this key is in progress.");
    }
    return new RecordedResponse(
        ((Number) row[1]).intValue(), (String) row[2], (String) row[3], (String) row[4]);
  }

  static String sha256(String request) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
