package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Empty committee rows are left out, and the validator's contact paths point back at the rows on the page. */
class AccountLaunchFormTest {

  @Test
  void blankRowsAreSkippedAndErrorsFindTheirRow() {
    AccountLaunchForm form = new AccountLaunchForm();
    form.padRows();
    form.getContacts().get(1).setEmail("ana@globex.example");
    form.getContacts().get(3).setEmail("bo@globex.example");
    form.getContacts().get(3).setSmsConsent(true);
    form.setTier(" ");

    AccountLaunchForm.Request request = form.toRequest();

    assertThat(request.request().contacts()).hasSize(2);
    assertThat(request.request().contacts().get(1).smsConsent()).isTrue();
    assertThat(request.request().tier()).isNull();
    assertThat(request.formPath("contacts[1].phone")).isEqualTo("contacts[3].phone");
    assertThat(request.formPath("contacts[0]")).isEqualTo("contacts[1]");
    assertThat(request.formPath("account.id")).isEqualTo("account.id");
    assertThat(request.formPath("contacts")).isEqualTo("contacts");
  }
}
