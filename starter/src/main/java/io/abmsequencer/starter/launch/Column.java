package io.abmsequencer.starter.launch;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The columns of a target account list, in documented order. */
enum Column {
  ACCOUNT_ID(true, true),
  ACCOUNT_NAME(true, true),
  DOMAIN(false, true),
  INDUSTRY(false, true),
  TIER(true, true),
  OWNER(true, true),
  EMAIL(true, false),
  FIRST_NAME(true, false),
  LAST_NAME(false, false),
  TITLE(false, false),
  ROLE(true, false),
  PHONE(false, false),
  TIMEZONE(false, false),
  SMS_CONSENT(false, false),
  LINKEDIN_URL(false, false);

  static final List<Column> ALL = List.of(values());
  static final String NAMES = ALL.stream().map(Column::header).collect(Collectors.joining(", "));

  private static final Map<String, Column> BY_HEADER = new HashMap<>();

  static {
    for (Column column : values()) {
      BY_HEADER.put(column.header, column);
    }
  }

  private final String header;
  private final boolean required;
  private final boolean accountLevel;

  Column(boolean required, boolean accountLevel) {
    this.header = name().toLowerCase(Locale.ROOT);
    this.required = required;
    this.accountLevel = accountLevel;
  }

  /** The header name, lower case: account_id, first_name, … */
  String header() {
    return header;
  }

  /** Whether the header must have this column (its value is required on every row). */
  boolean required() {
    return required;
  }

  /** Whether the value describes the account, so must be the same on all of its rows. */
  boolean accountLevel() {
    return accountLevel;
  }

  /**
   * Header cell → column: trimmed (also of the no-break and zero-width spaces spreadsheets leave
   * behind), any case; null when unknown.
   */
  static Column byHeader(String cell) {
    String name = cell.replace('\u00A0', ' ').replace("\u200B", "").replace("\uFEFF", "");
    return BY_HEADER.get(name.strip().toLowerCase(Locale.ROOT));
  }

  static String names(List<Column> columns) {
    return columns.stream().map(Column::header).collect(Collectors.joining(", "));
  }
}
