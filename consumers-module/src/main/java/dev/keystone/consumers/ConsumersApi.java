package dev.keystone.consumers;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The read side of the consumers' own state, served by the consumers themselves under their own
 * context root ({@code /consumers}): the application never queries a consumer's tables.
 */
@ApplicationPath("/")
public class ConsumersApi extends Application {}
