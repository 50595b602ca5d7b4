package dev.keystone.devstack;

/**
 * A port the stack needs is taken. The message is one line that names the port, the service and the
 * environment variable that moves it, so that {@link Main} can print it as it is.
 */
public final class PortInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int port;

  PortInUseException(int port, String service, String envVar) {
    super(
        "Port "
            + port
            + " ("
            + service
            + ") is already in use; set "
            + envVar
            + " to another port.");
    this.port = port;
  }

  /** The port that is taken. */
  public int port() {
    return port;
  }
}
