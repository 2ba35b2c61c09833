package io.abmsequencer.workflows.testing;

import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import java.util.List;

/** Realistic accounts and buying committees for tests. */
public final class Committees {
  private Committees() {}

  public static final Account ACME = new Account("acme", "Acme Payments", "acme-payments.example", "Fintech");

  public static Contact contact(String first, String last, String title, Role role, String zone) {
    String email = (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + "@acme-payments.example";
    return new Contact(ContactIds.of(email), email, first, last, title, role, null, zone, false);
  }

  public static Contact withSms(Contact c, String phone) {
    return new Contact(c.id(), c.email(), c.firstName(), c.lastName(), c.title(), c.role(), phone, c.timeZone(), true);
  }

  /** Five people in New York, one in Tokyo (the technical evaluator), one in Berlin. */
  public static List<Contact> acmeCommittee() {
    return List.of(
        contact("Erin", "Baker", "CFO", Role.ECONOMIC_BUYER, "America/New_York"),
        withSms(contact("Chris", "Moreno", "Director of Finance Operations", Role.CHAMPION, "America/New_York"), "+12125550100"),
        contact("Taro", "Yamada", "VP Engineering", Role.TECHNICAL_EVALUATOR, "Asia/Tokyo"),
        contact("Uma", "Patel", "Payments Analyst", Role.END_USER, "America/New_York"),
        contact("Blake", "Jensen", "CISO", Role.BLOCKER, "Europe/Berlin"),
        contact("Sam", "Okafor", "COO", Role.EXECUTIVE_SPONSOR, "America/New_York"));
  }
}
