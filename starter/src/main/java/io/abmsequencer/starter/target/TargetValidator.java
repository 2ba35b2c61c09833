package io.abmsequencer.starter.target;

import io.abmsequencer.starter.launch.LaunchRequest;

import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.Account;
import io.abmsequencer.workflows.sequence.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * Checks a single-account launch with the same rules as the CSV launch, listing every invalid
 * field by its JSON path ({@code contacts[2].phone}); nothing starts on any error.
 */
public final class TargetValidator {
  private TargetValidator() {}

  public static Target validate(LaunchRequest request) {
    List<Map<String, Object>> errors = new ArrayList<>();
    if (request == null) throw ApiException.badRequest("The request needs a JSON body with account, owner, playbook and contacts");
    if (request.playbook() == null || request.playbook().isBlank()) add(errors, "playbook", "the playbook id is required");

    LaunchRequest.AccountFields a = request.account();
    Account account = null;
    if (a == null) {
      add(errors, "account", "the account is required: {id, name, domain, industry}");
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
      add(errors, "contacts", "at least one contact of the buying committee is required");
    } else {
      Set<String> emails = new HashSet<>();
      for (int i = 0; i < request.contacts().size(); i++) {
        LaunchRequest.ContactFields c = request.contacts().get(i);
        String at = "contacts[" + i + "]";
        if (c == null) {
          add(errors, at, "a contact is required here");
          continue;
        }
        String email = check(errors, at + ".email", () -> ContactRules.normaliseEmail(c.email()));
        String first = check(errors, at + ".firstName", () -> ContactRules.normaliseFirstName(c.firstName()));
        Role role = check(errors, at + ".role", () -> ContactRules.parseRole(c.role()));
        String phone = check(errors, at + ".phone", () -> ContactRules.normalisePhone(c.phone()));
        String zone = check(errors, at + ".timeZone", () -> ContactRules.normaliseTimeZone(c.timeZone()));
        String linkedin = check(errors, at + ".linkedinUrl", () -> ContactRules.normaliseLinkedinUrl(c.linkedinUrl()));
        if (email != null && !emails.add(email.toLowerCase(Locale.ROOT))) add(errors, at + ".email", "'" + email + "' is listed twice");
        if (email != null && first != null && role != null) {
          contacts.add(new Contact(ContactIds.of(email), email, first, text(c.lastName()), text(c.title()), role, phone, zone,
              Boolean.TRUE.equals(c.smsConsent()), linkedin));
        }
      }
    }
    if (!errors.isEmpty()) {
      String detail = errors.size() == 1 ? errors.get(0).get("field") + ": " + errors.get(0).get("message") : errors.size() + " fields are invalid";
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid launch", detail, errors);
    }
    return new Target(account, tier, owner, List.copyOf(contacts));
  }

  private static <T> T check(List<Map<String, Object>> errors, String field, Supplier<T> rule) {
    try {
      return rule.get();
    } catch (IllegalArgumentException e) {
      add(errors, field, e.getMessage());
      return null;
    }
  }

  private static void add(List<Map<String, Object>> errors, String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("message", message);
    errors.add(error);
  }

  private static String text(String raw) {
    return raw == null || raw.isBlank() ? null : raw.trim();
  }
}
