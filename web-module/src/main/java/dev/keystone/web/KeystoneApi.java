package dev.keystone.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The application's HTTP API, under {@code /api}. */
@ApplicationPath("/api")
public class KeystoneApi extends Application {}
