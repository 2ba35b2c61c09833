package io.abmsequencer.activities.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DryRunSmsChannelTest extends DatabaseTest {
  @Autowired SmsChannel sms;
  @Autowired Ledger ledger;
  @Autowired TouchQueries touches;
  @Autowired SuppressionList suppressions;

  private final Account acme = new Account("acme", "Acme", "acme.example", "Fintech");

  @Test
  void dryRunIsTheDefault() {
    assertThat(sms).isInstanceOf(DryRunSmsChannel.class);
  }

  @Test
  void recordsTheRenderedTextOncePerKey() {
    Contact ana = contact("ana", "+14155550100", true);
    SmsTouch touch = touch("sms-1", ana, "Hi {{firstName}}, {{ownerName}} from {{accountName}}'s team here");

    TouchResult first = sms.send(touch);
    TouchResult second = sms.send(touch);

    assertThat(first.status()).isEqualTo(TouchStatus.DRY_RUN);
    assertThat(second).isEqualTo(first);
    TouchRow row = ledger.find(touch.key()).orElseThrow();
    assertThat(row.channel()).isEqualTo(Channel.SMS);
    assertThat(row.recipient()).isEqualTo("+14155550100");
    assertThat(row.body()).isEqualTo("Hi Ana, Jane Doe from Acme's team here");
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(touches.forWorkflow("abm-new-logo-acme")).filteredOn(r -> r.touchKey().equals(touch.key().value())).hasSize(1);
  }

  @Test
  void skipsContactsWithoutPhoneOrConsent() {
    assertThat(sms.send(touch("sms-2", contact("nophone", null, true), "Hi")))
        .extracting(TouchResult::status, TouchResult::detail)
        .containsExactly(TouchStatus.SKIPPED, "no phone number");
    assertThat(sms.send(touch("sms-2", contact("noconsent", "+14155550101", false), "Hi")))
        .extracting(TouchResult::status, TouchResult::detail)
        .containsExactly(TouchStatus.SKIPPED, "no SMS consent");
  }

  @Test
  void aStoppedNumberIsSuppressed() {
    suppressions.suppress(Channel.SMS, "+14155550102", SuppressionReason.SMS_STOP, "STOP", "twilio");

    TouchResult result = sms.send(touch("sms-3", contact("stopped", "+1 415 555 0102", true), "Hi"));

    assertThat(result.status()).isEqualTo(TouchStatus.SUPPRESSED);
    assertThat(ledger.find(new TouchKey("abm-new-logo-acme", "enterprise@1/sms-3", "stopped")).orElseThrow().body()).isNull();
  }

  private SmsTouch touch(String step, Contact contact, String body) {
    return new SmsTouch(new TouchKey("abm-new-logo-acme", "enterprise@1/" + step, contact.id()), acme, contact, "jane", body);
  }

  private static Contact contact(String id, String phone, boolean consent) {
    String first = id.substring(0, 1).toUpperCase() + id.substring(1);
    return new Contact(id, id + "@acme.example", first, "Lee", "VP", Role.CHAMPION, phone, null, consent);
  }
}
