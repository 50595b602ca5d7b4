package dev.keystone.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;

/** Assertions shared by the gateway's tests. */
final class Problems {
  private Problems() {}

  /** A problem+json answer with this status, the type slug, and the gateway's headers. */
  static void assertProblem(Api.Reply reply, int status, String slug) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    var json = reply.json();
    assertThat(json.getInt("status")).isEqualTo(status);
    assertThat(json.getString("type")).endsWith("/" + slug);
    assertThat(json.getString("title")).isNotBlank();
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(reply.header("X-Request-Id")).isNotBlank();
  }
}
