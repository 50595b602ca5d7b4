package dev.keystone.web.gateway.hardening;

import dev.keystone.platform.problem.PayloadTooLarge;
import dev.keystone.web.gateway.GatewayLog;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Caps request bodies ({@code keystone.http.max-body-bytes}, default 256 KiB): a declared {@code
 * Content-Length} over the cap is refused at once with 413 problem+json; a body without a length
 * (chunked) is cut off while it is read, which the problem mappers also answer with 413.
 *
 * <p>A request refused before its body was read to the end (a bad {@code Content-Encoding} fails on
 * the first bytes, a token check before any) has the rest of its body read and discarded, up to the
 * cap, before the answer goes out: the server closes a connection with unread bytes in its receive
 * buffer with a TCP reset, which can reach the client before the answer, so the client saw
 * "connection closed" instead of its 4xx problem.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100)
public class BodyLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final long DEFAULT_MAX = 256 * 1024;
  private static final String BODY = BodyLimitFilter.class.getName() + ".body";

  private final long max =
      ConfigProvider.getConfig()
          .getOptionalValue("keystone.http.max-body-bytes", Long.class)
          .orElse(DEFAULT_MAX);

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > max) {
      GatewayLog.refused(413, request, request.getLength() + " bytes declared");
      request.abortWith(new PayloadTooLarge(max).toResponse());
      return;
    }
    if (request.hasEntity()) {
      var body = new Limited(request.getEntityStream(), max);
      request.setProperty(BODY, body);
      request.setEntityStream(body);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() >= 400 && request.getProperty(BODY) instanceof Limited body) {
      body.discardRest();
    }
  }

  /** Counts what is read and fails once the cap is passed. */
  static final class Limited extends FilterInputStream {
    private final long max;
    private long count;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    /** Reads what is left of the body, up to the cap, and forgets it. */
    void discardRest() {
      var buffer = new byte[8192];
      try {
        while (read(buffer, 0, buffer.length) >= 0) {
          // discarded
        }
      } catch (IOException e) {
        // over the cap, or the client went away: the connection is closed either way
      }
    }

    private void count(long n) throws PayloadTooLarge {
      count += n;
      if (count > max) {
        throw new PayloadTooLarge(max);
      }
    }
  }
}
