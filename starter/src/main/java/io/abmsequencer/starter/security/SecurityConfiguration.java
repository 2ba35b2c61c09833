package io.abmsequencer.starter.security;

import static io.abmsequencer.starter.security.Role.ADMIN;
import static io.abmsequencer.starter.security.Role.MARKETER;
import static io.abmsequencer.starter.security.Role.OPS;
import static io.abmsequencer.starter.security.Role.REVIEWER;
import static io.abmsequencer.starter.security.Role.SDR;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what, in one place. The REST API takes HTTP Basic, stateless; the console takes a
 * form login with a session and CSRF on every form. Webhooks (unsubscribe, tracking, Twilio) stay
 * public: each checks its own signature. The same roles rule both: an SDR cannot launch
 * sequences, and a marketer cannot decide reviews unless also a reviewer. Which accounts' data a
 * role may read (an SDR: their own sequences and tasks) is not a URL matter: {@link AccountAccess},
 * applied in the services. Failed sign-ins are throttled per user and per client address ({@link
 * SignInThrottle}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecuritySettings.class, AdminSettings.class})
public class SecurityConfiguration {

  static final String[] PUBLIC = {
    "/u/**", "/t/**", "/o/**", "/webhooks/**", "/codec/**", "/login", "/error", "/css/**", "/js/**", "/favicon.ico",
    "/actuator/health", "/actuator/health/**"
  };

  @Bean
  PasswordEncoder passwordEncoder() {
    // bcrypt by default; {noop}/{bcrypt}/{argon2} prefixes name the scheme of a stored hash.
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  AppUsers appUsers(SecuritySettings settings, AdminSettings admin, EmbeddedMode embedded, JdbcClient jdbc, PasswordEncoder encoder) {
    return new AppUsers(settings, admin, embedded, jdbc, encoder);
  }

  /** A fresh production installation's way in: a generated admin, printed once, when there is no user at all. */
  @Bean
  FirstAdmin firstAdmin(AppUsers users) {
    return new FirstAdmin(users);
  }

  @Bean
  SignInThrottle signInThrottle(SecuritySettings settings, MeterRegistry meters) {
    return new SignInThrottle(settings.signIn(), Clock.systemUTC(), meters);
  }

  @Bean
  SignInThrottleFilter.Events signInThrottleEvents(SignInThrottle throttle) {
    return new SignInThrottleFilter.Events(throttle);
  }

  /** The REST API and actuator: HTTP Basic, no session, no CSRF (no cookies to ride on). */
  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, SignInThrottle throttle) throws Exception {
    http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator/**").hasAnyRole(names(OPS, ADMIN))
            .requestMatchers(POST, "/api/playbooks").hasAnyRole(names(MARKETER, ADMIN))
            .requestMatchers(POST, "/api/sequences", "/api/launches").hasAnyRole(names(MARKETER, ADMIN))
            .requestMatchers("/api/launches/**").hasAnyRole(names(MARKETER, ADMIN, OPS))
            .requestMatchers(POST, "/api/sequences/*/pause", "/api/sequences/*/resume", "/api/sequences/*/cancel")
                .hasAnyRole(names(MARKETER, OPS, ADMIN))
            .requestMatchers(POST, "/api/engagement", "/api/accounts/*/stage").hasAnyRole(names(MARKETER, OPS, ADMIN))
            .requestMatchers("/api/tasks/**").hasAnyRole(names(SDR, MARKETER, OPS, ADMIN))
            .requestMatchers(POST, "/api/reviews/*/decision").hasAnyRole(names(REVIEWER, ADMIN))
            .requestMatchers(GET, "/api/reviews/**").hasAnyRole(names(REVIEWER, MARKETER, OPS, ADMIN))
            .requestMatchers("/api/suppressions/**").hasAnyRole(names(MARKETER, OPS, ADMIN))
            .requestMatchers(POST, "/api/sending-pauses/**").hasAnyRole(names(MARKETER, OPS, ADMIN))
            .requestMatchers("/api/users/**").hasRole(ADMIN.name())
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .addFilterBefore(SignInThrottleFilter.basic(throttle), BasicAuthenticationFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
    return http.build();
  }

  /** The console: form login, session, CSRF on every form; public webhooks and static files. */
  @Bean
  @Order(2)
  SecurityFilterChain console(HttpSecurity http, SignInThrottle throttle) throws Exception {
    http.authorizeHttpRequests(a -> a
            .requestMatchers(PUBLIC).permitAll()
            // Ops follow a launch's progress (as they may through /api/launches); only marketers launch.
            .requestMatchers(GET, "/launch/*", "/launch/*/progress").hasAnyRole(names(MARKETER, OPS, ADMIN))
            .requestMatchers("/playbooks/new", "/playbooks/*/edit", "/launch/**", "/list-refresh/**").hasAnyRole(names(MARKETER, ADMIN))
            .requestMatchers(POST, "/playbooks/**").hasAnyRole(names(MARKETER, ADMIN))
            .requestMatchers(POST, "/sequences/*/pause", "/sequences/*/resume", "/sequences/*/cancel").hasAnyRole(names(MARKETER, OPS, ADMIN))
            .requestMatchers("/inbox/**").hasAnyRole(names(SDR, MARKETER, OPS, ADMIN))
            .requestMatchers(POST, "/reviews/**").hasAnyRole(names(REVIEWER, ADMIN))
            .requestMatchers("/reviews/**").hasAnyRole(names(REVIEWER, MARKETER, OPS, ADMIN))
            .requestMatchers("/suppressions/**", "/outbox/**").hasAnyRole(names(MARKETER, OPS, ADMIN))
            .anyRequest().authenticated())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
        .addFilterBefore(SignInThrottleFilter.form(throttle), UsernamePasswordAuthenticationFilter.class)
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        // Webhooks are called by mail providers and Twilio, who carry no CSRF token: their signatures protect them.
        .csrf(c -> c.ignoringRequestMatchers("/u/**", "/webhooks/**", "/codec/**"));
    return http.build();
  }

  private static String[] names(Role... roles) {
    return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
  }
}
