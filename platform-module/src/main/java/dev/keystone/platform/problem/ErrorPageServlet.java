package dev.keystone.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The servlet container's own refusals (an unparseable Content-Type, an improperly encoded path)
 * happen before JAX-RS sees the request; web.xml routes those error pages here so that they, too,
 * leave as RFC 9457 problem+json instead of the container's HTML.
 */
public class ErrorPageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    var title = title(status);
    var detail =
        status >= 500 ? "The server could not handle the request." : "The request was rejected.";
    response.setStatus(status);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "{\"type\":\"https://keystone.dev/problems/%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(title.toLowerCase().replace(' ', '-'), title, status, detail));
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Error" : "Client Error";
    };
  }
}
