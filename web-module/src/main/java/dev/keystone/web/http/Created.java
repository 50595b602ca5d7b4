package dev.keystone.web.http;

import java.net.URI;

/** What a successful create answers: where the new resource is, its version and its body. */
public record Created(URI location, long version, Object body) {}
