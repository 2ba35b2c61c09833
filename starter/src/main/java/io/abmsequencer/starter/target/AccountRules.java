package io.abmsequencer.starter.target;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for an account's own fields, shared by the CSV upload and the JSON single-account
 * launch. Same conventions as {@link ContactRules}: normalisers strip white space and throw an
 * {@link IllegalArgumentException} with a marketer-readable message. The tier is parsed by {@link
 * ContactRules#parseTier}.
 */
public final class AccountRules {

  public static final String ACCOUNT_ID = "account_id";
  public static final String ACCOUNT_NAME = "account_name";
  public static final String DOMAIN = "domain";
  public static final String TIER = "tier";
  public static final String OWNER = "owner";

  /** The account id becomes part of the workflow id {@code abm-{motion}-{accountId}}. */
  public static final Pattern ACCOUNT_ID_PATTERN =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final int MAX_ACCOUNT_ID_CHARS = 64;
  private static final int MAX_OWNER_CHARS = 254;

  private AccountRules() {}

  /**
   * Required; 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit. Case kept.
   */
  public static String normaliseAccountId(String raw) {
    String id = Text.clean(raw, false);
    if (id == null) {
      throw new InvalidValue(
          "the account id is missing: every row needs the id of its account, like acme-corp");
    }
    if (!isAccountId(id)) {
      throw new InvalidValue(
          Text.quote(id)
              + " is not a valid account id: use up to 64 letters, digits, dots, dashes or"
              + " underscores, no spaces, starting with a letter or digit, like acme-corp");
    }
    return id;
  }

  /** Required; kept as written apart from surrounding white space. */
  public static String normaliseName(String raw) {
    String name = Text.clean(raw, false);
    if (name == null) {
      throw new InvalidValue("the account name is missing: every row needs one");
    }
    return name;
  }

  /**
   * Optional. A bare host name such as {@code acme.com} or {@code eu.acme.co.uk} (international
   * names allowed); returned in lower case; empty gives null.
   */
  public static String normaliseDomain(String raw) {
    String value = Text.clean(raw, false);
    if (value == null) {
      return null;
    }
    String domain = value.toLowerCase(Locale.ROOT);
    if (!isHostName(domain)) {
      throw new InvalidValue(
          Text.quote(value)
              + " is not a domain: expected the company's bare domain, like acme.com (without"
              + " http:// or a /path)");
    }
    return domain;
  }

  /** Same as {@link #ACCOUNT_ID_PATTERN}, without a regex: this runs on every row of big files. */
  private static boolean isAccountId(String id) {
    if (id.length() > MAX_ACCOUNT_ID_CHARS || !isAsciiLetterOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z0-9._@+-]{1,254}}. */
  private static boolean isOwner(String owner) {
    if (owner.length() > MAX_OWNER_CHARS) {
      return false;
    }
    for (int i = 0; i < owner.length(); i++) {
      char c = owner.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '@' || c == '+' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHostName(String domain) {
    String ascii = domain;
    if (!isAscii(domain)) {
      try {
        ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (ascii.isEmpty() || ascii.length() > 253) {
      return false;
    }
    int labels = 0;
    int start = 0;
    while (start <= ascii.length()) {
      int end = ascii.indexOf('.', start);
      if (end < 0) {
        end = ascii.length();
      }
      if (!isLabel(ascii, start, end)) {
        return false;
      }
      labels++;
      if (end == ascii.length()) {
        // The top-level label: at least two characters, not all digits (that is an IP address).
        return labels >= 2 && end - start >= 2 && !allDigits(ascii, start, end);
      }
      start = end + 1;
    }
    return false;
  }

  /** One DNS label, lower case: 1–63 of a-z, 0-9 and '-', not starting or ending with '-'. */
  private static boolean isLabel(String s, int start, int end) {
    int length = end - start;
    if (length < 1 || length > 63 || s.charAt(start) == '-' || s.charAt(end - 1) == '-') {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean allDigits(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Required; the owner's e-mail or username ({@code [A-Za-z0-9._@+-]+}). */
  public static String normaliseOwner(String raw) {
    String owner = Text.clean(raw, false);
    if (owner == null) {
      throw new InvalidValue(
          "the owner is missing: every row needs the account owner's e-mail or username");
    }
    if (!isOwner(owner)) {
      throw new InvalidValue(
          Text.quote(owner)
              + " is not an owner: expected the account owner's e-mail or username, without"
              + " spaces, like jane.doe@yourco.com or jdoe");
    }
    return owner;
  }
}
