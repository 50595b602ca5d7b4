package dev.keystone.it.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the run's stack when the JUnit session closes (the stack starts on first use). */
public class StackSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    KeystoneStack.stop();
  }
}
