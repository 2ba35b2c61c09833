package io.abmsequencer.starter.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins, counted per username and per client address over a sliding window: past the
 * limit, further attempts are refused before the password is even checked, until the oldest failure
 * in the window has aged out. A lock ends by time alone (no admin unlocks it); a successful sign-in
 * clears its user's count, not its address's (one good account must not launder guesses at others).
 * Kept in memory per process: a restart forgets, which only ever shortens a lock.
 */
public final class SignInThrottle {

  /** Which limit was hit. */
  public enum Scope {
    USER,
    ADDRESS
  }

  /** A refusal: why, and when the next attempt may come. */
  public record Locked(Scope scope, Duration retryAfter) {
    /** The words a person reads: which limit, and when to try again. */
    public String message() {
      long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
      return "Too many failed sign-ins " + (scope == Scope.USER ? "for this user" : "from this address")
          + ": try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }
  }

  /** Bounds memory under a spray of usernames: beyond this many keys, the stalest go first. */
  static final int MAX_KEYS = 100_000;

  private final SecuritySettings.SignIn settings;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public SignInThrottle(SecuritySettings.SignIn settings, Clock clock, MeterRegistry meters) {
    this.settings = settings;
    this.clock = clock;
    this.meters = meters;
  }

  /** Empty when an attempt for {@code username} from {@code address} may go ahead. */
  public Optional<Locked> check(String username, String address) {
    Instant now = clock.instant();
    Optional<Locked> locked = lockedFor(Scope.USER, key(Scope.USER, username), settings.maxFailuresPerUser(), now)
        .or(() -> lockedFor(Scope.ADDRESS, key(Scope.ADDRESS, address), settings.maxFailuresPerAddress(), now));
    locked.ifPresent(l -> meters.counter("abm_signin_throttled_total", "scope", l.scope().name().toLowerCase()).increment());
    return locked;
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    record(key(Scope.USER, username), now);
    record(key(Scope.ADDRESS, address), now);
    meters.counter("abm_signin_failures_total").increment();
  }

  public void succeeded(String username) {
    String key = key(Scope.USER, username);
    if (key != null) failures.remove(key);
  }

  private Optional<Locked> lockedFor(Scope scope, String key, int limit, Instant now) {
    if (key == null || limit <= 0) return Optional.empty();
    Deque<Instant> times = failures.get(key);
    if (times == null) return Optional.empty();
    synchronized (times) {
      prune(times, now);
      if (times.size() < limit) return Optional.empty();
      // Open again when enough failures have aged out to bring the count under the limit.
      Instant opens = times.stream().skip(times.size() - limit).findFirst().orElseThrow().plus(settings.window());
      return Optional.of(new Locked(scope, Duration.between(now, opens)));
    }
  }

  private void record(String key, Instant now) {
    if (key == null) return;
    if (failures.size() >= MAX_KEYS) evictStale(now);
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
      // Only the newest ones can matter: the largest limit is all we keep.
      while (times.size() > Math.max(settings.maxFailuresPerUser(), settings.maxFailuresPerAddress())) times.removeFirst();
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant horizon = now.minus(settings.window());
    while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) times.removeFirst();
  }

  private void evictStale(Instant now) {
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        prune(e.getValue(), now);
        return e.getValue().isEmpty();
      }
    });
    if (failures.size() >= MAX_KEYS) failures.clear(); // a spray of fresh keys: forgetting only shortens locks
  }

  private static String key(Scope scope, String value) {
    return value == null || value.isBlank() ? null : scope.name() + ":" + value.strip().toLowerCase();
  }
}
