package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.email.MailSettings.Sender;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MailSettingsTest {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(EmailConfiguration.class).withBean(MailFooter.class);

  @Test
  void aMalformedSenderFailsStartupNamingTheProperty() {
    context
        .withPropertyValues("abm.mail.senders[jane].name=Jane", "abm.mail.senders[jane].email=jane-at-example")
        .run(started -> {
          assertThat(started).hasFailed();
          assertThat(started.getStartupFailure())
              .rootCause()
              .hasMessageContaining("abm.mail.senders[jane].email");
        });
  }

  @Test
  void aMalformedDomainFailsStartup() {
    context
        .withPropertyValues("abm.mail.from-domain=not a domain")
        .run(started -> assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("abm.mail.from-domain"));
  }

  @Test
  void aMalformedDigestAddressFailsStartupNamingTheProperty() {
    context
        .withPropertyValues("abm.mail.digest-from=ABM Digest <abm@sales.example.com>")
        .run(started -> {
          assertThat(started).hasFailed();
          assertThat(started.getStartupFailure()).rootCause()
              .hasMessageContaining("abm.mail.digest-from must be one e-mail address");
        });
    context
        .withPropertyValues("abm.mail.digest-from=abm")
        .run(started -> assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("abm.mail.digest-from"));
  }

  @Test
  void theDigestComesFromTheFromDomainUnlessSet() {
    context
        .withPropertyValues("abm.mail.from-domain=sales.example.com")
        .run(started -> assertThat(started.getBean(MailSettings.class).digestFrom()).isEqualTo("abm@sales.example.com"));
    context
        .withPropertyValues("abm.mail.digest-from= weekly@yourco.example ")
        .run(started -> assertThat(started.getBean(MailSettings.class).digestFrom()).isEqualTo("weekly@yourco.example"));
  }

  @Test
  void defaultsNeedNoConfiguration() {
    context.run(started -> {
      MailSettings settings = started.getBean(MailSettings.class);
      assertThat(settings.fromDomain()).isEqualTo("abm-sequencer.local");
      assertThat(settings.senders()).isEmpty();
      assertThat(settings.unsubscribeMailbox()).isEqualTo("unsubscribe@abm-sequencer.local");
      assertThat(settings.caps()).isEqualTo(new MailSettings.Caps(200, ZoneId.of("UTC"), 2, Duration.ofDays(7)));
      LinkSettings links = started.getBean(LinkSettings.class);
      assertThat(links.publicUrl()).isEqualTo("http://localhost:8080");
      assertThat(links.links().secret()).isNull();
      assertThat(started.getBean(MailFooter.class).postalAddress()).isEqualTo(MailFooter.DEMO_POSTAL_ADDRESS);
    });
  }

  @Test
  void capsBindFromProperties() {
    context
        .withPropertyValues(
            "abm.mail.caps.per-sender-per-day=50", "abm.mail.caps.zone=Europe/Berlin",
            "abm.mail.caps.per-contact=0", "abm.mail.caps.per-contact-window=48h",
            "abm.mail.from-domain=sales.example.com", "abm.mail.unsubscribe-mailbox=optout@sales.example.com")
        .run(started -> {
          MailSettings settings = started.getBean(MailSettings.class);
          assertThat(settings.caps()).isEqualTo(new MailSettings.Caps(50, ZoneId.of("Europe/Berlin"), 0, Duration.ofHours(48)));
          assertThat(settings.caps().perContactOn()).isFalse();
          assertThat(settings.unsubscribeMailbox()).isEqualTo("optout@sales.example.com");
        });
  }

  @Test
  void aNegativeCapFailsStartupNamingTheProperty() {
    context
        .withPropertyValues("abm.mail.caps.per-sender-per-day=-1")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.mail")
            .hasMessageContaining("caps.perSenderPerDay")
            .hasMessageContaining("must be greater than or equal to 0"));
  }

  @Test
  void productionWithoutAPostalAddressDoesNotStart() {
    context
        .withPropertyValues("abm.embedded.enabled=false")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.mail.postal-address is required when abm.embedded.enabled=false"));
    context
        .withPropertyValues("abm.embedded.enabled=false", "abm.mail.postal-address=Acme Inc. · 1 Main St · Springfield")
        .run(started -> assertThat(started.getBean(MailFooter.class).postalAddress())
            .isEqualTo("Acme Inc. · 1 Main St · Springfield"));
  }

  @Test
  void theFooterIsConfigurableButMustKeepAddressAndUnsubscribeLink() {
    context
        .withPropertyValues("abm.mail.postal-address=Acme Inc., Springfield", "abm.mail.footer={postalAddress} | Opt out: {unsubscribeUrl}")
        .run(started -> assertThat(started.getBean(MailFooter.class).text("https://x.example/u/t"))
            .isEqualTo("Acme Inc., Springfield | Opt out: https://x.example/u/t"));
    context
        .withPropertyValues("abm.mail.footer=Sent by {postalAddress}")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.mail.footer must contain {postalAddress} and {unsubscribeUrl}"));
  }

  @Test
  void aShortOrMalformedLinkSecretFailsStartupNamingTheProperty() {
    context
        .withPropertyValues("abm.links.secret=" + Base64.getEncoder().encodeToString(new byte[16]))
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.links.secret must be at least 32 random bytes"));
    context
        .withPropertyValues("abm.links.previous-secrets[0]=not base64!")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.links.previous-secrets[0] is not base64"));
    context
        .withPropertyValues("abm.public-url=ftp://files.example.com")
        .run(started -> assertThat(started.getStartupFailure()).rootCause()
            .hasMessageContaining("abm.public-url must be an absolute http(s) URL"));
  }

  @Test
  void ownersMapToSenderIdentities() {
    SenderIdentities senders =
        new SenderIdentities(new MailSettings("sales.example.com", Map.of(
            "jane", new Sender("Jane Doe", "jane.doe@example.com"),
            "kim", new Sender(null, "kim.o-hara@example.com"))));

    assertThat(senders.forOwner("jane")).isEqualTo(new Sender("Jane Doe", "jane.doe@example.com"));
    assertThat(senders.forOwner("kim")).isEqualTo(new Sender("Kim O Hara", "kim.o-hara@example.com"));
    assertThat(senders.forOwner("sam.lee@partner.example")).isEqualTo(new Sender("Sam Lee", "sam.lee@partner.example"));
    assertThat(senders.forOwner("max")).isEqualTo(new Sender("Max", "max@sales.example.com"));
  }
}
