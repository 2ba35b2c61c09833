package io.abmsequencer.starter.inbound;

import jakarta.mail.Address;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** E-mail addresses as the matching needs them: lower-case, trimmed, with their domain. */
final class Addresses {

  /**
   * Domains anyone can have an address at: a contact writing from one of them says nothing about
   * which company a second person there belongs to.
   */
  private static final Set<String> FREE_MAIL = Set.of(
      "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
      "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de",
      "t-online.de", "proton.me", "protonmail.com", "mail.com", "yandex.ru", "mail.ru", "qq.com", "163.com",
      "orange.fr", "free.fr", "laposte.net", "libero.it", "zoho.com", "fastmail.com");

  private Addresses() {}

  /** The address part, lower-case, or null when it is not an e-mail address. */
  static String normalize(String address) {
    if (address == null) return null;
    String trimmed = address.trim();
    if (trimmed.startsWith("<") && trimmed.endsWith(">")) trimmed = trimmed.substring(1, trimmed.length() - 1).trim();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1 || trimmed.contains(" ")) return null;
    return trimmed.toLowerCase(Locale.ROOT);
  }

  static String normalize(Address address) {
    return address instanceof InternetAddress internet ? normalize(internet.getAddress()) : null;
  }

  /** Every address in a header value such as a To line; malformed parts are skipped. */
  static List<String> parseList(String headerValue) {
    List<String> result = new ArrayList<>();
    if (headerValue == null) return result;
    try {
      for (InternetAddress address : InternetAddress.parseHeader(headerValue, false)) {
        String normalized = normalize(address.getAddress());
        if (normalized != null) result.add(normalized);
      }
    } catch (AddressException e) {
      // A malformed list in someone else's mail: take what can be read, address by address.
      for (String part : headerValue.split(",")) {
        String normalized = normalize(part.replaceAll(".*<([^>]*)>.*", "$1"));
        if (normalized != null) result.add(normalized);
      }
    }
    return result;
  }

  static String domainOf(String email) {
    if (email == null) return null;
    int at = email.lastIndexOf('@');
    return at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /** True when {@code email} is at {@code domain} or one of its subdomains (eu.globex.example). */
  static boolean atDomain(String email, String domain) {
    String own = domainOf(email);
    if (own == null || domain == null || domain.isBlank()) return false;
    String wanted = domain.trim().toLowerCase(Locale.ROOT);
    if (wanted.startsWith("@")) wanted = wanted.substring(1);
    return own.equals(wanted) || own.endsWith("." + wanted);
  }

  static boolean isFreeMail(String domain) {
    return domain != null && FREE_MAIL.contains(domain.toLowerCase(Locale.ROOT));
  }
}
