package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.email.MailSettings.Sender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MailSettingsTest {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(EmailConfiguration.class);

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
  void defaultsNeedNoConfiguration() {
    context.run(started -> {
      MailSettings settings = started.getBean(MailSettings.class);
      assertThat(settings.fromDomain()).isEqualTo("abm-sequencer.local");
      assertThat(settings.senders()).isEmpty();
    });
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
