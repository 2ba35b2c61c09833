package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.WorkerSide;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ad platforms' clients and the flusher's schedule. Scheduling is switched on here because the
 * flusher must run wherever the activities run, the worker on its own included.
 */
@WorkerSide
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdsSettings.class)
@EnableScheduling
class AdsConfiguration {
  /** No platform call may hold a batch (and its row locks) longer than this. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  @Bean
  @Order(1)
  LinkedInAudiences linkedInAudiences(
      AdsSettings settings, LinkedInSegments segments, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
    return new LinkedInAudiences(settings.linkedin(), http(clock), segments, transactions);
  }

  @Bean
  @Order(2)
  GoogleAudiences googleAudiences(AdsSettings settings, ObjectProvider<Clock> clock) {
    return new GoogleAudiences(settings.google(), http(clock));
  }

  /**
   * The flusher every {@code abm.ads.batch-interval}, after a first wait as long: the interval as
   * {@link AdsSettings} bound and checked it, not read a second time with a default of its own.
   */
  @Bean
  SchedulingConfigurer audienceFlushes(AudienceFlusher flusher, AdsSettings settings) {
    return tasks -> tasks.addFixedDelayTask(new FixedDelayTask(flusher::flush, settings.batchInterval(), settings.batchInterval()));
  }

  private static ProviderHttp http(ObjectProvider<Clock> clock) {
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    return new ProviderHttp(client, REQUEST_TIMEOUT, clock.getIfUnique(Clock::systemUTC));
  }
}
