package io.abmsequencer.starter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A reply from an address the API would refuse still counts for the account: it must not fail,
 * or the mailbox poller would retry that message for ever and hold up every reply behind it.
 */
class MailRepliesTest {

  @Test
  void aReplyFromAnAddressTheContactRulesRefuseCountsForTheAccountOnly() {
    assertThat(MailReplies.acceptedEmail("taro..yamada@acme.co.jp")).isNull();
    assertThat(MailReplies.acceptedEmail("first.last.@acme.co.jp")).isNull();
    assertThat(MailReplies.acceptedEmail("x".repeat(65) + "@acme.co.jp")).isNull();
    assertThat(MailReplies.acceptedEmail(null)).isNull();
  }

  @Test
  void aReplyFromAnOrdinaryAddressKeepsThePerson() {
    assertThat(MailReplies.acceptedEmail(" Ana.Ruiz@Acme.example ")).isEqualTo("Ana.Ruiz@Acme.example");
  }
}
