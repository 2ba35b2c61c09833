package io.abmsequencer.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt (HTTP Basic on the API, the form's POST on the console) while its user
 * or its client address is locked by {@link SignInThrottle}, before the password is checked: the
 * API answers 429 with {@code Retry-After} and the words, the console goes back to the sign-in page
 * saying when to try again. Not a bean, so the servlet container does not also run it for every
 * request; {@link Events} feeds the throttle from Spring Security's authentication events.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

  private final SignInThrottle throttle;
  private final boolean form;

  private SignInThrottleFilter(SignInThrottle throttle, boolean form) {
    this.throttle = throttle;
    this.form = form;
  }

  static SignInThrottleFilter basic(SignInThrottle throttle) {
    return new SignInThrottleFilter(throttle, false);
  }

  static SignInThrottleFilter form(SignInThrottle throttle) {
    return new SignInThrottleFilter(throttle, true);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String username = form ? formUsername(request) : basicUsername(request);
    Optional<SignInThrottle.Locked> locked = username == null ? Optional.empty() : throttle.check(username, request.getRemoteAddr());
    if (locked.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, locked.get().retryAfter().toSeconds());
    if (form) {
      response.sendRedirect(request.getContextPath() + "/login?throttled=" + Math.max(1, (seconds + 59) / 60));
      return;
    }
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\""
        + locked.get().message() + "\"}");
  }

  private static String formUsername(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()) ? request.getParameter("username") : null;
  }

  private static String basicUsername(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null; // not Base64: Spring Security's own filter answers it
    }
  }

  /** Counts failures and clears a user's count on success, whichever way they signed in. */
  static final class Events {
    private final SignInThrottle throttle;

    Events(SignInThrottle throttle) {
      this.throttle = throttle;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
      Object details = event.getAuthentication().getDetails();
      throttle.failed(event.getAuthentication().getName(),
          details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null);
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
      throttle.succeeded(event.getAuthentication().getName());
    }
  }
}
