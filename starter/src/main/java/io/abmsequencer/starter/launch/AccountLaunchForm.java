package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.target.LaunchRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-account launch form. Its property paths are the JSON paths of {@link LaunchRequest}
 * ({@code account.id}, {@code contacts[2].phone}), so the validator's errors land on their fields.
 * Empty committee rows are left out.
 */
public class AccountLaunchForm {
  /** Committee rows the page always offers (more with the add-a-person button). */
  static final int ROWS = 5;

  private Account account = new Account();
  private String owner;
  private String playbook;
  private String tier;
  private List<Person> contacts = new ArrayList<>();

  public static class Account {
    private String id;
    private String name;
    private String domain;
    private String industry;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getDomain() {
      return domain;
    }

    public void setDomain(String domain) {
      this.domain = domain;
    }

    public String getIndustry() {
      return industry;
    }

    public void setIndustry(String industry) {
      this.industry = industry;
    }
  }

  public static class Person {
    private String email;
    private String firstName;
    private String lastName;
    private String title;
    private String role;
    private String phone;
    private String timeZone;
    private boolean smsConsent;
    private String linkedinUrl;

    boolean blank() {
      return empty(email) && empty(firstName) && empty(lastName) && empty(title) && empty(role) && empty(phone)
          && empty(timeZone) && empty(linkedinUrl);
    }

    LaunchRequest.ContactFields fields() {
      return new LaunchRequest.ContactFields(email, firstName, lastName, title, role, phone, timeZone, smsConsent, linkedinUrl);
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    public String getFirstName() {
      return firstName;
    }

    public void setFirstName(String firstName) {
      this.firstName = firstName;
    }

    public String getLastName() {
      return lastName;
    }

    public void setLastName(String lastName) {
      this.lastName = lastName;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getRole() {
      return role;
    }

    public void setRole(String role) {
      this.role = role;
    }

    public String getPhone() {
      return phone;
    }

    public void setPhone(String phone) {
      this.phone = phone;
    }

    public String getTimeZone() {
      return timeZone;
    }

    public void setTimeZone(String timeZone) {
      this.timeZone = timeZone;
    }

    public boolean isSmsConsent() {
      return smsConsent;
    }

    public void setSmsConsent(boolean smsConsent) {
      this.smsConsent = smsConsent;
    }

    public String getLinkedinUrl() {
      return linkedinUrl;
    }

    public void setLinkedinUrl(String linkedinUrl) {
      this.linkedinUrl = linkedinUrl;
    }
  }

  /** The request the API takes, and for each of its contacts the form row it came from. */
  record Request(LaunchRequest request, List<Integer> rows) {
    /** {@code contacts[k].x} of the request as the path of the form row ({@code contacts[row].x}). */
    String formPath(String field) {
      if (field == null || !field.startsWith("contacts[")) return field;
      int close = field.indexOf(']');
      try {
        int k = Integer.parseInt(field.substring("contacts[".length(), close));
        return k < rows.size() ? "contacts[" + rows.get(k) + "]" + field.substring(close + 1) : field;
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        return field;
      }
    }
  }

  Request toRequest() {
    List<LaunchRequest.ContactFields> people = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < contacts.size(); i++) {
      Person p = contacts.get(i);
      if (p == null || p.blank()) continue;
      people.add(p.fields());
      rows.add(i);
    }
    LaunchRequest request = new LaunchRequest(
        new LaunchRequest.AccountFields(account.id, account.name, account.domain, account.industry),
        owner, playbook, null, empty(tier) ? null : tier, people);
    return new Request(request, rows);
  }

  /** Adds empty rows up to {@link #ROWS}, for the form. */
  void padRows() {
    for (int i = 0; i < contacts.size(); i++) if (contacts.get(i) == null) contacts.set(i, new Person());
    while (contacts.size() < ROWS) contacts.add(new Person());
  }

  private static boolean empty(String s) {
    return s == null || s.isBlank();
  }

  public Account getAccount() {
    return account;
  }

  public void setAccount(Account account) {
    this.account = account;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }

  public String getPlaybook() {
    return playbook;
  }

  public void setPlaybook(String playbook) {
    this.playbook = playbook;
  }

  public String getTier() {
    return tier;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  public List<Person> getContacts() {
    return contacts;
  }

  public void setContacts(List<Person> contacts) {
    this.contacts = contacts;
  }
}
