package dev.keystone.platform.health;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A readiness check of the application service, by name. Deliberately not MicroProfile Health's
 * {@code @Readiness}: these beans live in the EAR's {@code lib/} jars, which every WAR of the EAR
 * sees, and Liberty asks each module for its checks, so a {@code @Readiness} bean there was run and
 * listed once per WAR. The web module alone publishes them ({@code
 * dev.keystone.web.health.ReadinessChecks}).
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface ApplicationReadiness {

  /** The check's name, as {@code /health/ready} shows it. */
  String value();
}
