package io.abmsequencer.starter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request body larger than configured with 413, before anything reads it:
 * {@code abm.web.max-body-size} for every body (a target account list of 100,000 rows fits; console
 * uploads have the same limit as multipart), {@code abm.web.max-json-body-size} for the JSON bodies
 * of the REST API ({@code /api/**}), which are a few kilobytes. A body sent without a length
 * (chunked) is counted as it is read: at the limit the reader gets {@link TooLarge}, which the API
 * answers with the same 413 ({@link ApiErrors}).
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter implements Ordered {

  /** Reading stopped at the limit. An {@link IOException}, so it travels through every reader. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  private final DataSize maxBody;
  private final DataSize maxJsonBody;
  private final JsonMapper json;

  RequestBodyLimit(WebSettings settings, JsonMapper json) {
    this.maxBody = settings.maxBodySize();
    this.maxJsonBody = settings.maxJsonBodySize();
    this.json = json;
  }

  /** Before security: an oversized body is refused whoever sends it; after the request metrics, so it is counted. */
  @Override
  public int getOrder() {
    return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean jsonApi = request.getRequestURI().startsWith("/api/") && isJson(request.getContentType());
    DataSize limit = jsonApi ? maxJsonBody : maxBody;
    long length = request.getContentLengthLong();
    if (length > limit.toBytes()) {
      refuse(request, response, String.format(Locale.ROOT, "The request body is %,d bytes; %s", length, allowed(jsonApi, limit)));
      return;
    }
    chain.doFilter(length < 0 ? new Limited(request, limit.toBytes(), "The request body is larger than allowed; " + allowed(jsonApi, limit))
        : request, response);
  }

  private static String allowed(boolean jsonApi, DataSize limit) {
    return String.format(Locale.ROOT, "%s may be at most %s (%,d bytes; %s)", jsonApi ? "a JSON body of the API" : "a request body",
        words(limit), limit.toBytes(), jsonApi ? "abm.web.max-json-body-size" : "abm.web.max-body-size");
  }

  /** "64 MB", "1 MB", "512 KB". */
  static String words(DataSize size) {
    if (size.toBytes() % (1024 * 1024) == 0) return size.toMegabytes() + " MB";
    if (size.toBytes() % 1024 == 0) return size.toKilobytes() + " KB";
    return size.toBytes() + " bytes";
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) return false;
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/json") || type.contains("+json");
  }

  /** problem+json for the API and webhooks; a short page for a browser (the console's uploads). */
  private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
    String accept = request.getHeader("Accept");
    if (!request.getRequestURI().startsWith("/api/") && accept != null && accept.contains("text/html")) {
      response.setContentType(MediaType.TEXT_HTML_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too large</title></head><body>"
          + "<h1>Too large</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p></body></html>");
      return;
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
    problem.setTitle("Too large");
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json.writeValueAsString(problem));
  }

  /** A request whose body stops with {@link TooLarge} past the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private final String message;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit, String message) {
      super(request);
      this.limit = limit;
      this.message = message;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) stream = new Counting(super.getInputStream(), limit, message);
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private final String message;
    private long read;

    Counting(ServletInputStream in, long limit, String message) {
      this.in = in;
      this.limit = limit;
      this.message = message;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) count(n);
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > limit) throw new TooLarge(message);
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
