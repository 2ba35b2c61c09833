package io.abmsequencer.activities.email;

import io.abmsequencer.activities.email.MailSettings.Sender;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Templates;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The values of {@link Templates#FIELDS} for one contact; shared by the e-mail and SMS channels. */
public final class TemplateFields {
  private TemplateFields() {}

  /** @param contact null for an account-level task: its fields then render empty */
  public static Map<String, String> of(Account account, Contact contact, Sender owner) {
    Map<String, String> values = new HashMap<>();
    if (contact != null) {
      values.put("firstName", contact.firstName());
      values.put("lastName", contact.lastName());
      values.put("fullName", contact.fullName());
      values.put("title", contact.title());
      values.put("role", words(contact.role()));
    }
    values.put("accountName", account.name());
    values.put("domain", account.domain());
    values.put("industry", account.industry());
    values.put("ownerName", owner.name());
    values.put("ownerEmail", owner.email());
    return values;
  }

  /** {@code ECONOMIC_BUYER} → "economic buyer", as it reads in a sentence. */
  static String words(Role role) {
    return role == null ? null : role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
