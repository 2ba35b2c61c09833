package io.abmsequencer.starter.inbound;

import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a message's From address is authenticated, as our own receiving mail server says in an
 * {@code Authentication-Results} header (RFC 8601). Anyone can write a From header, and anyone can
 * add an {@code Authentication-Results} header to what they send; only one whose authserv-id is
 * configured as trusted ({@code abm.mail.inbound.trusted-authserv-ids}) is read, and of those only
 * the first (the newest, added on arrival). That is sound because a receiving server removes such
 * headers bearing its own authserv-id from incoming mail (RFC 8601 section 5): trust an id only for
 * a server that does. A header without an authserv-id (Microsoft 365 writes them so) is never read.
 *
 * <p>The From address counts as authenticated when that header says {@code dmarc=pass} for its
 * domain, or {@code dkim=pass} for a signing domain ({@code header.d}), or {@code spf=pass} for an
 * envelope sender domain ({@code smtp.mailfrom}) that is the From domain or a parent of it (DMARC's
 * alignment). With no trusted id configured (the default) nothing is authenticated this way.
 */
final class SenderAuthentication {

  /** @param how in words: which result authenticated the sender, or why none did */
  record Verdict(boolean authenticated, String how) {}

  private final Set<String> trusted;

  SenderAuthentication(Collection<String> trustedAuthservIds) {
    this.trusted = trustedAuthservIds.stream()
        .map(id -> id.trim().toLowerCase(Locale.ROOT))
        .filter(id -> !id.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  boolean enabled() {
    return !trusted.isEmpty();
  }

  Verdict of(InboundMessage message) {
    if (trusted.isEmpty()) return new Verdict(false, "no trusted Authentication-Results server is configured");
    String domain = Addresses.domainOf(message.from());
    if (domain == null) return new Verdict(false, "no readable sender");
    String[] headers = headers(message);
    for (String header : headers) {
      List<String> clauses = clauses(header);
      if (clauses.isEmpty()) continue;
      String authservId = clauses.get(0).split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (!trusted.contains(authservId)) continue;
      return judge(authservId, clauses.subList(1, clauses.size()), domain);
    }
    return new Verdict(false, "no Authentication-Results from a trusted server");
  }

  private static Verdict judge(String authservId, List<String> results, String fromDomain) {
    List<String> seen = new ArrayList<>();
    for (String clause : results) {
      String[] words = clause.trim().split("\\s+");
      int eq = words[0].indexOf('=');
      if (eq <= 0) continue; // "none", or a malformed clause
      String method = words[0].substring(0, eq).split("/")[0].toLowerCase(Locale.ROOT);
      String result = words[0].substring(eq + 1).toLowerCase(Locale.ROOT);
      Map<String, String> properties = properties(Arrays.copyOfRange(words, 1, words.length));
      seen.add(method + "=" + result);
      if (!"pass".equals(result)) continue;
      String aligned = switch (method) {
        case "dmarc" -> {
          String headerFrom = properties.get("header.from");
          yield headerFrom == null || headerFrom.equals(fromDomain) ? fromDomain : null;
        }
        case "dkim" -> alignedOrNull(properties.getOrDefault("header.d", properties.get("header.i")), fromDomain);
        case "spf" -> alignedOrNull(properties.get("smtp.mailfrom"), fromDomain);
        default -> null;
      };
      if (aligned != null) return new Verdict(true, method + "=pass for " + aligned + " per " + authservId);
    }
    return new Verdict(false, authservId + " did not authenticate " + fromDomain
        + (seen.isEmpty() ? "" : " (" + String.join(", ", seen) + ")"));
  }

  /**
   * The authenticated domain ({@code example.com}, {@code @example.com} or {@code user@example.com})
   * when the From domain is it or one of its subdomains, else null.
   */
  private static String alignedOrNull(String authenticated, String fromDomain) {
    if (authenticated == null) return null;
    String d = authenticated.substring(authenticated.lastIndexOf('@') + 1);
    return !d.isEmpty() && (fromDomain.equals(d) || fromDomain.endsWith("." + d)) ? d : null;
  }

  private static Map<String, String> properties(String[] words) {
    Map<String, String> properties = new HashMap<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq <= 0) continue;
      String value = word.substring(eq + 1);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
      properties.putIfAbsent(word.substring(0, eq).toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
    }
    return properties;
  }

  /** {@code authserv-id [version]; method=result prop=value ...; ...}, comments removed. */
  private static List<String> clauses(String header) {
    String text = MimeUtility.unfold(header);
    String previous;
    do {
      previous = text;
      text = text.replaceAll("\\([^()]*\\)", " ");
    } while (!text.equals(previous));
    List<String> clauses = new ArrayList<>();
    for (String clause : text.split(";")) {
      if (!clause.isBlank()) clauses.add(clause.strip());
    }
    return clauses;
  }

  private static String[] headers(InboundMessage message) {
    try {
      String[] values = message.mime().getHeader("Authentication-Results");
      return values == null ? new String[0] : values;
    } catch (jakarta.mail.MessagingException | RuntimeException e) {
      return new String[0];
    }
  }
}
