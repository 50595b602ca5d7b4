package dev.keystone.bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The bench WAR's JAX-RS application; the benchmark deploys it at context root {@code /bench}. */
@ApplicationPath("/")
public class BenchApi extends Application {}
