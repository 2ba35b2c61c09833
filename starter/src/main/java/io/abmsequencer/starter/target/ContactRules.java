package io.abmsequencer.starter.target;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules for one contact's fields, shared by the CSV upload and the JSON single-account launch.
 *
 * <p>Every normaliser takes the raw text as typed, strips surrounding white space, and either
 * returns the normalised value or throws an {@link IllegalArgumentException} whose message is
 * written for a marketer: it quotes what was found and says what is expected (the field's name is
 * not in the message; callers report it next to it). Optional fields give null when empty. Names
 * are kept as written: accents, apostrophes and non-Latin scripts are ordinary data.
 */
public final class ContactRules {

  /** The CSV column names of the contact fields. */
  public static final String EMAIL = "email";

  public static final String FIRST_NAME = "first_name";
  public static final String ROLE = "role";
  public static final String PHONE = "phone";
  public static final String TIMEZONE = "timezone";


  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final int MAX_EMAIL_CHARS = 254;
  private static final int MAX_EMAIL_LOCAL_CHARS = 64;
  private static final String EMAIL_SPECIALS = "<>()[]\\,;:\"";

  private static final Map<String, Role> ROLES = new HashMap<>();
  private static final Map<String, Tier> TIERS = new HashMap<>();

  /** Lower-case IANA zone id → canonical spelling. */
  private static final Map<String, String> ZONES = new HashMap<>();

  static {
    for (Role role : Role.values()) {
      ROLES.put(role.name(), role);
    }
    for (Tier tier : Tier.values()) {
      TIERS.put(tier.name(), tier);
      TIERS.put(tier.label().toUpperCase(Locale.ROOT), tier);
    }
    for (String id : ZoneId.getAvailableZoneIds()) {
      ZONES.put(id.toLowerCase(Locale.ROOT), id);
    }
  }

  private static final String ROLES_IN_WORDS =
      Arrays.stream(Role.values()).map(ContactRules::inWords).collect(Collectors.joining(", "));

  private ContactRules() {}

  /**
   * A sane address check, not RFC 5322: one @, something before it, a domain with a dot after it,
   * no spaces. Returns the address trimmed, case as written.
   */
  public static String normaliseEmail(String raw) {
    String email = Text.clean(raw, false);
    if (email == null) {
      throw new InvalidValue("the e-mail address is missing: every contact needs one");
    }
    String problem = emailProblem(email);
    if (problem != null) {
      throw new InvalidValue(
          Text.quote(email) + " is not a valid e-mail address (" + problem + ")");
    }
    return email;
  }

  private static String emailProblem(String email) {
    if (email.length() > MAX_EMAIL_CHARS) {
      return "it is longer than " + MAX_EMAIL_CHARS + " characters";
    }
    int at = email.indexOf('@');
    if (at < 0) {
      return "it has no @; expected one like name@company.com";
    }
    if (email.indexOf('@', at + 1) >= 0) {
      return "it has more than one @; give one address like name@company.com";
    }
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return "it has a space in it; expected one like name@company.com";
      }
      if (EMAIL_SPECIALS.indexOf(c) >= 0) {
        return "it has a " + c + " in it; give only the address, like name@company.com";
      }
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (local.isEmpty()) {
      return "nothing before the @; expected one like name@company.com";
    }
    if (local.length() > MAX_EMAIL_LOCAL_CHARS) {
      return "the part before the @ is longer than " + MAX_EMAIL_LOCAL_CHARS + " characters";
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return "the part before the @ has a misplaced dot";
    }
    if (domain.isEmpty()) {
      return "nothing after the @; expected one like name@company.com";
    }
    if (domain.indexOf('.') < 0) {
      return "the part after the @ needs a dot, like company.com";
    }
    if (domain.startsWith(".")
        || domain.endsWith(".")
        || domain.contains("..")
        || domain.startsWith("-")) {
      return "the part after the @ is not a domain like company.com";
    }
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
        return "the part after the @ has a " + c + " in it; expected a domain like company.com";
      }
    }
    return null;
  }

  /** Required; kept as written apart from surrounding white space. */
  public static String normaliseFirstName(String raw) {
    String name = Text.clean(raw, false);
    if (name == null) {
      throw new InvalidValue("the first name is missing: every contact needs one");
    }
    return name;
  }

  /**
   * Optional free text (last name, title, industry): surrounding white space stripped, null when
   * empty. A title may span lines.
   */
  public static String normaliseText(String raw, boolean multiline) {
    return Text.clean(raw, multiline);
  }

  /**
   * A role's name in any case, with spaces, hyphens or underscores between words: {@code
   * ECONOMIC_BUYER}, {@code economic buyer}, {@code Technical-Evaluator}.
   */
  public static Role parseRole(String raw) {
    String value = Text.clean(raw, false);
    if (value == null) {
      throw new InvalidValue("the role is missing: expected one of " + ROLES_IN_WORDS);
    }
    Role role = ROLES.get(enumKey(value));
    if (role == null) {
      throw new InvalidValue(
          Text.quote(value) + " is not a role: expected one of " + ROLES_IN_WORDS);
    }
    return role;
  }

  /**
   * {@code 1:1}, {@code 1:few}, {@code 1:many} or the enum names ({@code ONE_TO_ONE}, also written
   * {@code one to one}), in any case.
   */
  public static Tier parseTier(String raw) {
    String value = Text.clean(raw, false);
    if (value == null) {
      throw new InvalidValue("the tier is missing: expected 1:1, 1:few or 1:many");
    }
    Tier tier = TIERS.get(enumKey(value));
    if (tier == null) {
      throw new InvalidValue(
          Text.quote(value)
              + " is not a tier: expected 1:1, 1:few or 1:many (or ONE_TO_ONE, ONE_TO_FEW,"
              + " ONE_TO_MANY)");
    }
    return tier;
  }

  /**
   * Optional. A number in international format, with the usual formatting ({@code +1 (415)
   * 555-0100}), becomes E.164 ({@code +14155550100}); empty gives null. A number without its {@code
   * +} country code, one libphonenumber does not consider valid, or one with an extension is
   * refused.
   */
  public static String normalisePhone(String raw) {
    String value = Text.clean(raw, false);
    if (value == null) {
      return null;
    }
    String how = "write it with + and the country code first, like +1 415 555 0100";
    if (value.charAt(0) != '+') {
      throw new InvalidValue(Text.quote(value) + " needs the international format: " + how);
    }
    PhoneNumber number;
    try {
      number = PHONES.parse(value, "ZZ");
    } catch (NumberParseException e) {
      throw new InvalidValue(Text.quote(value) + " is not a phone number: " + how);
    }
    if (number.hasExtension()) {
      throw new InvalidValue(
          Text.quote(value)
              + " has an extension, which calls and text messages cannot use: give the direct"
              + " number and "
              + how);
    }
    if (!PHONES.isValidNumber(number)) {
      throw new InvalidValue(
          Text.quote(value) + " is not a valid phone number: check the digits and " + how);
    }
    return PHONES.format(number, PhoneNumberFormat.E164);
  }

  /**
   * Optional. An IANA time zone name such as {@code Europe/Paris} or {@code UTC}, in any case;
   * returns its canonical spelling, which {@link ZoneId#of} accepts. Empty gives null: the
   * playbook's default applies. Offsets like {@code +02:00} are refused: they ignore daylight
   * saving time.
   */
  public static String normaliseTimeZone(String raw) {
    String value = Text.clean(raw, false);
    if (value == null) {
      return null;
    }
    String zone = ZONES.get(value.toLowerCase(Locale.ROOT));
    if (zone == null) {
      throw new InvalidValue(
          Text.quote(value)
              + " is not a time zone name: expected one like Europe/Paris, America/New_York or"
              + " UTC (or leave it empty to use the playbook's default)");
    }
    return zone;
  }

  /** Optional: true, yes, 1 / false, no, 0, in any case; empty means no consent. */
  public static boolean parseSmsConsent(String raw) {
    String value = Text.clean(raw, false);
    if (value == null) {
      return false;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> {
        return true;
      }
      case "false", "no", "0" -> {
        return false;
      }
      default ->
          throw new InvalidValue(
              Text.quote(value)
                  + " is not a yes/no value: expected yes, no, true, false, 1, 0, or empty for no");
    }
  }

  /**
   * Optional: the person's LinkedIn profile, an https address on linkedin.com (the SDR opens it
   * for LinkedIn tasks). Empty gives null.
   */
  public static String normaliseLinkedinUrl(String raw) {
    String value = Text.clean(raw, false);
    if (value == null) {
      return null;
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(value);
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    String host = uri == null || uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || !(host.equals("linkedin.com") || host.endsWith(".linkedin.com"))) {
      throw new InvalidValue(
          Text.quote(value) + " is not a LinkedIn profile address: expected one like https://www.linkedin.com/in/jane-doe");
    }
    return value;
  }

  /** ECONOMIC_BUYER → economic buyer. */
  static String inWords(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** "Technical-Evaluator " → TECHNICAL_EVALUATOR; "1:few" → 1:FEW. */
  private static String enumKey(String value) {
    StringBuilder key = new StringBuilder(value.length());
    boolean gap = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '-' || c == '_' || c == '\t') {
        gap = key.length() > 0;
      } else {
        if (gap) {
          key.append('_');
          gap = false;
        }
        key.append(Character.toUpperCase(c));
      }
    }
    return key.toString();
  }
}
