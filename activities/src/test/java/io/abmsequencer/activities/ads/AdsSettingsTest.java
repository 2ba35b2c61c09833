package io.abmsequencer.activities.ads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The settings as Spring binds them from properties: defaults, relaxed names, failing fast. */
class AdsSettingsTest {
  private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bind.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AdsSettings.class)
  static class Bind {}

  @Test
  void dryRunByDefault() {
    context.run(ctx -> {
      AdsSettings settings = ctx.getBean(AdsSettings.class);
      assertThat(settings.live()).isFalse();
      assertThat(settings.describe()).isEqualTo("dry run: recorded, not sent");
      assertThat(settings.batchInterval()).hasSeconds(30);
      assertThat(settings.linkedin().baseUrl()).hasToString("https://api.linkedin.com");
      assertThat(settings.linkedin().version()).isEqualTo("202607");
      assertThat(settings.google().baseUrl()).hasToString("https://datamanager.googleapis.com");
      assertThat(settings.google().consent().adUserData()).isEqualTo(AdsSettings.ConsentStatus.GRANTED);
      assertThat(settings.google().destination().operatingAccount().type()).isEqualTo("GOOGLE_ADS");
    });
  }

  @Test
  void aBatchIntervalThatIsNotPositiveFailsStartupNamingTheProperty() {
    context.withPropertyValues("abm.ads.batch-interval=0s").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("abm.ads.batch-interval must be positive");
    });
  }

  @Test
  void liveWithoutCredentialsDoesNotStartAndNamesEveryMissingProperty() {
    context.withPropertyValues("abm.ads.mode=live", "abm.ads.linkedin.ad-account=5100").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContainingAll(
          "abm.ads.mode=live", "abm.ads.linkedin.access-token", "abm.ads.linkedin.source-platform",
          "abm.ads.google.access-token", "abm.ads.google.destination.operating-account.id",
          "abm.ads.google.accept-customer-match-terms=true");
      assertThat(ctx.getStartupFailure()).rootCause().message().doesNotContain("abm.ads.linkedin.ad-account");
    });
  }

  @Test
  void anUnknownModeOrVersionIsRefused() {
    context.withPropertyValues("abm.ads.mode=sometimes").run(ctx -> assertThat(ctx).hasFailed());
    context.withPropertyValues("abm.ads.linkedin.version=2026-07").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContainingAll("abm.ads", "linkedin.version", "YYYYMM");
    });
  }

  @Test
  void liveWithEverythingSet() {
    context.withPropertyValues(
            "abm.ads.mode=LIVE",
            "abm.ads.linkedin.access-token=t", "abm.ads.linkedin.ad-account=5100", "abm.ads.linkedin.source-platform=P",
            "abm.ads.google.access-token=g", "abm.ads.google.destination.operating-account.id=123-456-7890",
            "abm.ads.google.accept-customer-match-terms=true", "abm.ads.google.consent.ad-personalization=denied",
            "abm.ads.google.user-lists.fintech-execs=4567")
        .run(ctx -> {
          AdsSettings settings = ctx.getBean(AdsSettings.class);
          assertThat(settings.describe()).isEqualTo("live (LinkedIn, Google)");
          assertThat(settings.linkedin().adAccountUrn()).isEqualTo("urn:li:sponsoredAccount:5100");
          assertThat(settings.google().destination().operatingAccount().id()).isEqualTo("1234567890");
          assertThat(settings.google().consent().adPersonalization().apiValue()).isEqualTo("CONSENT_DENIED");
          assertThat(settings.google().userLists()).containsEntry("fintech-execs", "4567");
        });
  }
}
