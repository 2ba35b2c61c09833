package io.abmsequencer.starter.target;

import io.abmsequencer.starter.web.FieldProblem;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a single-account launch with the same rules as the CSV launch, listing every invalid
 * field by its JSON path ({@code contacts[2].phone}); a plain function of the request, no Spring.
 */
public final class TargetValidator {
  private TargetValidator() {}

  /** The request checked: the target when every field is right ({@code problems} empty), else every problem and no target. */
  public record Checked(Target target, List<FieldProblem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  public static Checked check(LaunchRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    if (request.playbook() == null || request.playbook().isBlank()) errors.add(FieldProblem.field("playbook", "the playbook id is required"));

    LaunchRequest.AccountFields a = request.account();
    Account account = null;
    if (a == null) {
      errors.add(FieldProblem.field("account", "the account is required: {id, name, domain, industry}"));
    } else {
      String id = check(errors, "account.id", () -> AccountRules.normaliseAccountId(a.id()));
      String name = check(errors, "account.name", () -> AccountRules.normaliseName(a.name()));
      String domain = check(errors, "account.domain", () -> AccountRules.normaliseDomain(a.domain()));
      account = new Account(id, name, domain, a.industry() == null || a.industry().isBlank() ? null : a.industry().trim());
    }
    String owner = check(errors, "owner", () -> AccountRules.normaliseOwner(request.owner()));
    Tier tier = request.tier() == null || request.tier().isBlank() ? null : check(errors, "tier", () -> ContactRules.parseTier(request.tier()));

    List<Contact> contacts = new ArrayList<>();
    if (request.contacts() == null || request.contacts().isEmpty()) {
      errors.add(FieldProblem.field("contacts", "at least one contact of the buying committee is required"));
    } else {
      Set<String> emails = new HashSet<>();
      for (int i = 0; i < request.contacts().size(); i++) {
        LaunchRequest.ContactFields c = request.contacts().get(i);
        String at = "contacts[" + i + "]";
        if (c == null) {
          errors.add(FieldProblem.field(at, "a contact is required here"));
          continue;
        }
        String email = check(errors, at + ".email", () -> ContactRules.normaliseEmail(c.email()));
        String first = check(errors, at + ".firstName", () -> ContactRules.normaliseFirstName(c.firstName()));
        Role role = check(errors, at + ".role", () -> ContactRules.parseRole(c.role()));
        String phone = check(errors, at + ".phone", () -> ContactRules.normalisePhone(c.phone()));
        String zone = check(errors, at + ".timeZone", () -> ContactRules.normaliseTimeZone(c.timeZone()));
        String linkedin = check(errors, at + ".linkedinUrl", () -> ContactRules.normaliseLinkedinUrl(c.linkedinUrl()));
        if (email != null && !emails.add(email.toLowerCase(Locale.ROOT))) errors.add(FieldProblem.field(at + ".email", "'" + email + "' is listed twice"));
        if (email != null && first != null && role != null) {
          contacts.add(new Contact(ContactIds.of(email), email, first, text(c.lastName()), text(c.title()), role, phone, zone,
              Boolean.TRUE.equals(c.smsConsent()), linkedin));
        }
      }
    }
    if (!errors.isEmpty()) return new Checked(null, List.copyOf(errors));
    return new Checked(new Target(account, tier, owner, List.copyOf(contacts)), List.of());
  }

  private static <T> T check(List<FieldProblem> errors, String field, Supplier<T> rule) {
    try {
      return rule.get();
    } catch (IllegalArgumentException e) {
      errors.add(FieldProblem.field(field, e.getMessage()));
      return null;
    }
  }

  private static String text(String raw) {
    return raw == null || raw.isBlank() ? null : raw.trim();
  }
}
