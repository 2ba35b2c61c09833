package io.abmsequencer.activities.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SuppressionListTest extends DatabaseTest {
  @Autowired SuppressionList suppressions;
  @Autowired JdbcClient jdbc;

  @Test
  void emailIsComparedTrimmedAndLowerCasedAndTheFirstRowWins() {
    assertThat(suppressions.suppress(Channel.EMAIL, " Ana@Acme.Example ", SuppressionReason.UNSUBSCRIBED, "footer link", "webhook"))
        .isTrue();
    assertThat(suppressions.suppress(Channel.EMAIL, "ana@acme.example", SuppressionReason.HARD_BOUNCE, "550", "smtp"))
        .isFalse();

    assertThat(suppressions.isSuppressed(Channel.EMAIL, "ANA@acme.example")).isTrue();
    assertThat(suppressions.isSuppressed(Channel.SMS, "ana@acme.example")).isFalse();
    Suppression row = suppressions.find(Channel.EMAIL, "ana@acme.example").orElseThrow();
    assertThat(row.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
    assertThat(row.createdBy()).isEqualTo("webhook");
    assertThat(suppressions.suppressedAmong(Channel.EMAIL, List.of("Ana@acme.example", "other@acme.example")))
        .containsExactly("ana@acme.example");
  }

  @Test
  void phoneNumbersAreComparedWithoutPunctuation() {
    suppressions.suppress(Channel.SMS, "+1 (415) 555-0100", SuppressionReason.SMS_STOP, "STOP", "twilio");

    assertThat(suppressions.isSuppressed(Channel.SMS, "+14155550100")).isTrue();
  }

  @Test
  void liftAndSearch() {
    suppressions.suppress(Channel.EMAIL, "lift.me@beta.example", SuppressionReason.MANUAL, null, "ops");
    suppressions.suppress(Channel.EMAIL, "keep_me@beta.example", SuppressionReason.COMPLAINT, null, "ops");
    suppressions.suppress(Channel.EMAIL, "keepXme@beta.example", SuppressionReason.COMPLAINT, null, "ops");

    assertThat(suppressions.lift(Channel.EMAIL, "LIFT.me@beta.example")).isTrue();
    assertThat(suppressions.lift(Channel.EMAIL, "lift.me@beta.example")).isFalse();
    assertThat(suppressions.isSuppressed(Channel.EMAIL, "lift.me@beta.example")).isFalse();
    // '_' is a literal, not a LIKE wildcard
    assertThat(suppressions.search("KEEP_", 10)).extracting(Suppression::address).containsExactly("keep_me@beta.example");
    assertThat(suppressions.search("beta", 10)).hasSize(2);
    assertThat(suppressions.search(null, 1)).hasSize(1);
  }

  /** What the channels and text-message keywords write: the suppression and its audit line together, once. */
  @Test
  void suppressAndAuditWritesOneAuditLinePerAddressAdded() {
    assertThat(suppressions.suppressAndAudit(Channel.SMS, "+1 415 555 0199", SuppressionReason.SMS_STOP, "21610", "twilio")).isTrue();
    assertThat(suppressions.suppressAndAudit(Channel.SMS, "+14155550199", SuppressionReason.HARD_BOUNCE, "21211", "twilio")).isFalse();
    assertThat(suppressions.liftAndAudit(Channel.SMS, "+14155550199", SuppressionReason.HARD_BOUNCE, "START", "recipient"))
        .as("only a suppression of that reason is lifted").isFalse();
    assertThat(suppressions.liftAndAudit(Channel.SMS, "+14155550199", SuppressionReason.SMS_STOP, "START", "recipient")).isTrue();

    assertThat(suppressions.isSuppressed(Channel.SMS, "+14155550199")).isFalse();
    assertThat(jdbc.sql("select action || '|' || reason || '|' || note || '|' || done_by from suppression_audit"
            + " where address = '+14155550199' order by id").query(String.class).list())
        .containsExactly("ADDED|SMS_STOP|21610|twilio", "LIFTED|SMS_STOP|START|recipient");
  }
}
