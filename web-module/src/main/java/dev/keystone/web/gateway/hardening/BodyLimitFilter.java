package dev.keystone.web.gateway.hardening;

import dev.keystone.platform.problem.PayloadTooLarge;
import dev.keystone.web.gateway.GatewayLog;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
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
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100)
public class BodyLimitFilter implements ContainerRequestFilter {
  static final long DEFAULT_MAX = 256 * 1024;

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
      request.setEntityStream(new Limited(request.getEntityStream(), max));
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

    private void count(long n) throws PayloadTooLarge {
      count += n;
      if (count > max) {
        throw new PayloadTooLarge(max);
      }
    }
  }
}
