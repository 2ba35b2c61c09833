package io.abmsequencer.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's rules, on a clock the test moves. */
class SignInThrottleTest {

  private Instant now = Instant.parse("2027-01-04T09:00:00Z");
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SignInThrottle throttle = new SignInThrottle(new SecuritySettings.SignIn(3, 5, Duration.ofMinutes(15)),
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      }, meters);

  @Test
  void aUserIsLockedAfterTheLimitAndUnlockedByTimeAlone() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.check("kim", "10.0.0." + i)).isEmpty();
      throttle.failed("kim", "10.0.0." + i);
      now = now.plusSeconds(60);
    }
    // From a fourth address too: the user is locked, not only the addresses.
    SignInThrottle.Locked locked = throttle.check("kim", "10.0.0.9").orElseThrow();
    assertThat(locked.scope()).isEqualTo(SignInThrottle.Scope.USER);
    assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(12)); // the first failure ages out at 09:15
    assertThat(locked.message()).isEqualTo("Too many failed sign-ins for this user: try again in 12 minutes.");
    assertThat(throttle.check("KIM", "10.0.0.9")).as("usernames in any case").isPresent();
    assertThat(throttle.check("lee", "10.0.0.9")).as("another user").isEmpty();

    now = now.plus(Duration.ofMinutes(12));
    assertThat(throttle.check("kim", "10.0.0.9")).isEmpty();
    assertThat(meters.counter("abm_signin_failures_total").count()).isEqualTo(3);
    assertThat(meters.counter("abm_signin_throttled_total", "scope", "user").count()).isEqualTo(2);
  }

  @Test
  void anAddressGuessingAtManyUsersIsLocked() {
    for (int i = 0; i < 5; i++) throttle.failed("user" + i, "203.0.113.7");
    SignInThrottle.Locked locked = throttle.check("someone-else", "203.0.113.7").orElseThrow();
    assertThat(locked.scope()).isEqualTo(SignInThrottle.Scope.ADDRESS);
    assertThat(locked.message()).isEqualTo("Too many failed sign-ins from this address: try again in 15 minutes.");
    assertThat(throttle.check("someone-else", "203.0.113.8")).isEmpty();
  }

  @Test
  void aSuccessClearsItsUserButNotItsAddress() {
    for (int i = 0; i < 2; i++) throttle.failed("kim", "198.51.100.1");
    throttle.succeeded("kim");
    for (int i = 0; i < 2; i++) throttle.failed("kim", "198.51.100.1");
    assertThat(throttle.check("kim", "198.51.100.2")).as("the user's count started again").isEmpty();
    throttle.failed("kim", "198.51.100.1");
    assertThat(throttle.check("lee", "198.51.100.1")).as("the address kept all five").get()
        .extracting(SignInThrottle.Locked::scope).isEqualTo(SignInThrottle.Scope.ADDRESS);
  }
}
