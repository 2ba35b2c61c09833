package io.abmsequencer.activities.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SmsSettingsTest {
  private static final String SID = "AC0123456789abcdef0123456789abcdef";

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SmsSettings.class)
  static class Settings {}

  private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

  @Test
  void dryRunNeedsNoConfiguration() {
    context.run(started -> {
      SmsSettings settings = started.getBean(SmsSettings.class);
      assertThat(settings.mode()).isEqualTo(SmsSettings.Mode.DRY_RUN);
      assertThat(settings.live()).isFalse();
      assertThat(settings.twilio().baseUrl()).isEqualTo("https://api.twilio.com");
      assertThat(settings.twilio().redirected()).isFalse();
      assertThat(settings.twilio().helpText()).isEqualTo(SmsSettings.Twilio.DEFAULT_HELP_TEXT);
      assertThat(settings.twilio().statusCallbackUrl("https://go.acme.example/"))
          .isEqualTo("https://go.acme.example/webhooks/twilio/status");
    });
    context.withPropertyValues("abm.sms.mode=dry-run")
        .run(started -> assertThat(started.getBean(SmsSettings.class).live()).isFalse());
  }

  @Test
  void liveModeBindsTheTwilioAccount() {
    context
        .withPropertyValues(
            "abm.sms.mode=live", "abm.sms.twilio.account-sid=" + SID, "abm.sms.twilio.auth-token=secret",
            "abm.sms.twilio.from=+14155550100", "abm.sms.twilio.base-url=http://localhost:8089/",
            "abm.sms.twilio.status-callback-url=https://hooks.acme.example/twilio/status",
            "abm.sms.twilio.help-text=Acme sales. Reply STOP to opt out.")
        .run(started -> {
          SmsSettings.Twilio twilio = started.getBean(SmsSettings.class).twilio();
          assertThat(started.getBean(SmsSettings.class).live()).isTrue();
          assertThat(twilio.sender()).isEqualTo("+14155550100");
          assertThat(twilio.baseUrl()).isEqualTo("http://localhost:8089");
          assertThat(twilio.redirected()).isTrue();
          assertThat(twilio.statusCallbackUrl("https://go.acme.example")).isEqualTo("https://hooks.acme.example/twilio/status");
          assertThat(twilio.helpText()).isEqualTo("Acme sales. Reply STOP to opt out.");
          assertThat(twilio.toString()).doesNotContain("secret");
        });
  }

  @Test
  void anUnknownModeFailsStartupNamingTheProperty() {
    context.withPropertyValues("abm.sms.mode=sandbox")
        .run(started -> assertThat(started.getStartupFailure())
            .hasStackTraceContaining("Failed to bind properties under 'abm.sms.mode'"));
  }

  @Test
  void liveModeWithoutCredentialsFailsStartupNamingWhatIsMissing() {
    context.withPropertyValues("abm.sms.mode=live")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.sms.mode is live but abm.sms.twilio.account-sid is not set"));
    context.withPropertyValues("abm.sms.mode=live", "abm.sms.twilio.account-sid=" + SID)
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.sms.twilio.auth-token is not set"));
    context.withPropertyValues("abm.sms.mode=live", "abm.sms.twilio.account-sid=" + SID, "abm.sms.twilio.auth-token=t")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.sms.twilio.from (or abm.sms.twilio.messaging-service-sid) is not set"));
    context
        .withPropertyValues(
            "abm.sms.mode=live", "abm.sms.twilio.account-sid=" + SID, "abm.sms.twilio.auth-token=t",
            "abm.sms.twilio.messaging-service-sid=MG0123456789abcdef0123456789abcdef")
        .run(started -> assertThat(started.getBean(SmsSettings.class).twilio().sender())
            .isEqualTo("MG0123456789abcdef0123456789abcdef"));
  }

  @Test
  void malformedValuesFailStartupNamingTheProperty() {
    context.withPropertyValues("abm.sms.twilio.from=415 555 0100")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.sms.twilio.from must be a phone number in E.164 form"));
    context.withPropertyValues("abm.sms.twilio.account-sid=SK123")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.sms.twilio.account-sid must be a Twilio Account SID"));
    context.withPropertyValues("abm.sms.twilio.from=+14155550100", "abm.sms.twilio.messaging-service-sid=MG0123456789abcdef0123456789abcdef")
        .run(started -> assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("not both"));
    context.withPropertyValues("abm.sms.twilio.base-url=https://proxy.acme.example/twilio")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.sms.twilio.base-url is a scheme, host and port only"));
    context.withPropertyValues("abm.sms.twilio.status-callback-url=ftp://x")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.sms.twilio.status-callback-url must be an absolute http(s) URL"));
  }
}
