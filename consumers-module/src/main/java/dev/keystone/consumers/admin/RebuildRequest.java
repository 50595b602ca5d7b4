package dev.keystone.consumers.admin;

/**
 * The body of {@code POST /consumers/admin/rebuilds}.
 *
 * @param consumer the consumer to rebuild from the log: {@code analytics}, {@code audit} or {@code
 *     email}
 * @param suppressMail required ({@code true}) for {@code email}: the re-read events rebuild its
 *     state without sending a single mail
 */
public record RebuildRequest(String consumer, Boolean suppressMail) {}
