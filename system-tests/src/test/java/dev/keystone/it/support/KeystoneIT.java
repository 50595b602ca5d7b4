package dev.keystone.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Arquillian integration test against the run's real stack. The stack extension must come first:
 * it starts the server that Arquillian then connects to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({StackExtension.class, ArquillianExtension.class})
public @interface KeystoneIT {}
