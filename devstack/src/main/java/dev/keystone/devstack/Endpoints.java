package dev.keystone.devstack;

/**
 * Where the running stack can be reached. Host names are {@code localhost}; every service listens
 * on 127.0.0.1 only.
 *
 * @param jdbcUrl PostgreSQL JDBC URL of the {@code keystone} database
 * @param dbUser the application's database role ({@code keystone})
 * @param dbPassword that role's password (generated once, kept in the data directory)
 * @param redisUrl e.g. {@code redis://localhost:16379}
 * @param kafkaBootstrap e.g. {@code localhost:19092}
 * @param smtpHost SMTP host for the application ({@code localhost})
 * @param smtpPort SMTP port (any sender, no authentication)
 * @param mailReadPort HTTP port of GreenMail's API, where received mail can be read, see {@link
 *     #mailApiUrl()}
 */
public record Endpoints(
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    String redisUrl,
    String kafkaBootstrap,
    String smtpHost,
    int smtpPort,
    int mailReadPort) {

  /**
   * Base URL of GreenMail's REST API, e.g. {@code GET <base>/api/user/<email>/messages/} lists the
   * mail received for a recipient, {@code POST <base>/api/mail/purge} deletes all mail.
   */
  public String mailApiUrl() {
    return "http://localhost:" + mailReadPort;
  }

  /** Everything but the password, so that logging the endpoints does not log the secret. */
  @Override
  public String toString() {
    return "Endpoints[jdbcUrl=%s, dbUser=%s, dbPassword=***, redisUrl=%s, kafkaBootstrap=%s, smtp=%s:%d, mailReadPort=%d]"
        .formatted(jdbcUrl, dbUser, redisUrl, kafkaBootstrap, smtpHost, smtpPort, mailReadPort);
  }
}
