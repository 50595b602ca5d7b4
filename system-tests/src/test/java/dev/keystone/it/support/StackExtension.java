package dev.keystone.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Makes sure the run's stack is up before Arquillian connects to the server. */
public class StackExtension implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    KeystoneStack.get();
  }
}
