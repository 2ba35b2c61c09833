package io.abmsequencer.workflows.playbook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{field}}} placeholders in subjects and bodies. The fields are fixed, so an unknown one is
 * refused when the playbook is uploaded, not discovered when a message goes out.
 */
public final class Templates {

  /** Every field a template may use. */
  public static final List<String> FIELDS =
      List.of(
          "firstName",
          "lastName",
          "fullName",
          "title",
          "role",
          "accountName",
          "domain",
          "industry",
          "ownerName",
          "ownerEmail");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]*)\\s*}}");

  private Templates() {}

  /** The placeholders in {@code template} that are not known fields, in order of appearance. */
  public static Set<String> unknownFields(String template) {
    Set<String> unknown = new LinkedHashSet<>();
    if (template == null) return unknown;
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!FIELDS.contains(m.group(1))) unknown.add(m.group(1));
    }
    return unknown;
  }

  /**
   * Replaces every placeholder with its value; a field with no value renders as an empty string
   * (a contact without a title still gets the message).
   */
  public static String render(String template, Map<String, String> values) {
    if (template == null) return "";
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
