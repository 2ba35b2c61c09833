package io.abmsequencer.starter.production;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The target accounts of the production-mode suite and their buying committees. Names, e-mails and
 * phones are distinctive (none is a word that appears elsewhere in a history: no account, playbook
 * or owner uses them), so finding one in Temporal's stored bytes can only mean it leaked.
 */
final class Accounts {
  static final String JANE = "jane.doe@yourco.example";
  static final String SAM = "sam.lee@yourco.example";

  record Person(String first, String last, String role, String phone) {
    String email(Account account) {
      return ascii(first) + "." + ascii(last) + "@" + account.domain();
    }

    private static String ascii(String name) {
      String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
      return plain.isEmpty() ? "p" + Integer.toHexString(name.hashCode()) : plain;
    }
  }

  record Account(String id, String name, String tier, String owner, List<Person> people) {
    String domain() {
      return id + ".example";
    }

    String newLogo() {
      return "abm-new-logo-" + id;
    }

    String expansion() {
      return "abm-expansion-" + id;
    }
  }

  // Launch A: one playbook per tier (prod-strategic, prod-fintech@1, prod-nurture).
  static final Account NORTHWIND = new Account("northwind", "Northwind Pay", "ONE_TO_ONE", JANE, List.of(
      new Person("Priyanka", "Raghunathan", "CHAMPION", "+12125550142"),
      new Person("Marcello", "Bellweather", "ECONOMIC_BUYER", "+12125550143")));
  static final Account MERIDIAN = new Account("meridian", "Meridian Health", "ONE_TO_ONE", SAM, List.of(
      new Person("Keishanna", "Brookfield", "CHAMPION", "+12125550144")));
  static final Account WONKA = new Account("wonka", "Wonka Confections", "ONE_TO_ONE", SAM, List.of(
      new Person("Charlotte", "Bucketsworth", "CHAMPION", "+12125550145"),
      new Person("Augustus", "Gloopington", "TECHNICAL_EVALUATOR", "+12125550146")));
  static final Account LEDGERLINE = new Account("ledgerline", "Ledgerline Capital", "ONE_TO_FEW", JANE, List.of(
      new Person("Siobhán", "Kellerman", "CHAMPION", "+12125550147")));
  static final Account TIDEWATER = new Account("tidewater", "Tidewater Freight", "ONE_TO_MANY", JANE, List.of(
      new Person("Gregorius", "Hollowell", "CHAMPION", "+12125550148")));
  static final Account ACME = new Account("acme", "Acme Anvils", "ONE_TO_MANY", JANE, List.of(
      new Person("Wilhelmina", "Roadrunner", "CHAMPION", "+12125550149")));

  // Launch B: prod-fintech (its latest version, 2) and prod-slow.
  static final Account KLINIK = new Account("klinikverbund", "Klinikverbund Nord", "ONE_TO_FEW", SAM, List.of(
      new Person("Jürgen", "Weißmüller", "CHAMPION", "+12125550150")));
  static final Account SAKURA = new Account("sakura", "Sakura Logistics", "ONE_TO_FEW", JANE, List.of(
      new Person("花子", "佐藤", "CHAMPION", "+12125550151"),
      new Person("Kenjiro", "Watanabesan", "ECONOMIC_BUYER", "+12125550152")));
  static final Account BRIGHTLOOP = new Account("brightloop", "BrightLoop Analytics", "ONE_TO_FEW", JANE, List.of(
      new Person("Rachelle", "Greenbergen", "CHAMPION", "+12125550153")));
  static final Account GLOBEX = new Account("globex", "Globex Corporation", "ONE_TO_MANY", SAM, List.of(
      new Person("Hankerson", "Scorpiotti", "CHAMPION", "+12125550154")));

  // Launch C: an expansion launched directly (prod-expansion), then cancelled.
  static final Account INITECH = new Account("initech", "Initech Software", "ONE_TO_MANY", SAM, List.of(
      new Person("Miltonius", "Waddamsley", "CHAMPION", "+12125550155")));

  // Started one by one in the lifecycle test.
  static final Account VANDELAY = new Account("vandelay", "Vandelay Imports", "ONE_TO_FEW", SAM, List.of(
      new Person("Arturo", "Bosworthy", "CHAMPION", "+12125550156")));
  static final Account HOOLI = new Account("hooli", "Hooli Search", "ONE_TO_FEW", SAM, List.of(
      new Person("Gavinho", "Belsonetti", "CHAMPION", "+12125550157")));

  static final List<Account> LAUNCH_A = List.of(NORTHWIND, MERIDIAN, WONKA, LEDGERLINE, TIDEWATER, ACME);
  static final List<Account> LAUNCH_B = List.of(KLINIK, SAKURA, BRIGHTLOOP, GLOBEX);
  static final List<Account> LAUNCH_C = List.of(INITECH);

  static List<Account> all() {
    return Stream.of(LAUNCH_A, LAUNCH_B, LAUNCH_C, List.of(VANDELAY, HOOLI)).flatMap(List::stream).toList();
  }

  private Accounts() {}

  /** A target account list as a marketer exports it from the CRM. */
  static String csv(List<Account> accounts) {
    List<String> lines = new ArrayList<>();
    lines.add("account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,phone,timezone,sms_consent");
    for (Account a : accounts) {
      for (Person p : a.people()) {
        lines.add(String.join(",", a.id(), a.name(), a.domain(), "Fintech", a.tier(), a.owner(), p.email(a), p.first(), p.last(),
            "Director", p.role(), p.phone(), "Europe/Dublin", "yes"));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** The same committee as a JSON launch's {@code contacts}. */
  static String contactsJson(Account a) {
    List<String> contacts = new ArrayList<>();
    for (Person p : a.people()) {
      contacts.add("""
          {"email": "%s", "firstName": "%s", "lastName": "%s", "title": "Director", "role": "%s", "phone": "%s",
           "timeZone": "Europe/Dublin", "smsConsent": true}""".formatted(p.email(a), p.first(), p.last(), p.role(), p.phone()));
    }
    return "[" + String.join(",", contacts) + "]";
  }
}
