package dev.keystone.devstack;

import java.nio.file.Path;

/** A service or the Liberty server did not come up. Carries the log file where the reason is. */
public final class ServiceStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path logFile;

  ServiceStartException(String message, Path logFile, Throwable cause) {
    super(message, cause);
    this.logFile = logFile;
  }

  /** The log file to read for the cause. */
  public Path logFile() {
    return logFile;
  }
}
