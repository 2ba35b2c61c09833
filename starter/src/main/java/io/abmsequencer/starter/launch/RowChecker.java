package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.target.AccountRules;
import io.abmsequencer.starter.target.ContactRules;
import io.abmsequencer.starter.target.Text;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.sequence.ContactIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks the data rows of one file, in order: each value against its rule, then what needs the rows
 * before it (an account's rows together and alike, an e-mail once per account).
 */
final class RowChecker {
  private final Header header;
  private final Errors errors;
  private final Map<String, AccountDraft> accounts = new LinkedHashMap<>();
  private String previousAccountId;

  /** The last valid raw value and its parsed form, per account-level column. */
  private final String[] lastValidRaw = new String[Column.ALL.size()];

  private final Object[] lastValid = new Object[Column.ALL.size()];

  RowChecker(Header header, Errors errors) {
    this.header = header;
    this.errors = errors;
  }

  /** The accounts read, in order of first appearance; meaningful only when there is no error. */
  List<TargetAccount> accounts() {
    List<TargetAccount> built = new ArrayList<>(accounts.size());
    for (AccountDraft draft : accounts.values()) {
      built.add(draft.build());
    }
    return built;
  }

  /** Checks one data row; its problems go to the shared error list. */
  void check(CSVRecord record, int row) {
    if (record.size() != header.width) {
      errors.add(row, null, raggedMessage(record.size()));
      return;
    }
    Object[] values = new Object[Column.ALL.size()];
    boolean[] invalid = new boolean[Column.ALL.size()];
    boolean ok = parseValues(record, row, values, invalid);
    ok &= unnamedCellsEmpty(record, row);
    String accountId = (String) values[Column.ACCOUNT_ID.ordinal()];
    if (accountId == null) {
      return;
    }
    AccountDraft account = accounts.get(accountId);
    if (account == null) {
      account = new AccountDraft(accountId, row, values, invalid);
      accounts.put(accountId, account);
    } else {
      ok &= together(account, row);
      ok &= account.checkSameAsFirst(row, values, invalid, errors);
    }
    previousAccountId = accountId;
    String email = (String) values[Column.EMAIL.ordinal()];
    if (email != null) {
      ok &= firstTimeInAccount(account, email, row);
    }
    if (ok) {
      account.add(contact(row, values));
    }
  }

  private String raggedMessage(int size) {
    return size > header.width
        ? String.format(
            "this row has %d values but the header has %d columns: a value that contains a comma"
                + " must be in double quotes",
            size, header.width)
        : String.format(
            "this row has %d values but the header has %d columns: a comma is missing, or the row"
                + " was cut short",
            size, header.width);
  }

  /** Parses every known column into {@code values}; false when any is invalid or missing. */
  private boolean parseValues(CSVRecord record, int row, Object[] values, boolean[] invalid) {
    boolean ok = true;
    for (Column column : Column.ALL) {
      // A required column missing from the header was reported once, on the header.
      if (column.required() && !header.has(column)) {
        invalid[column.ordinal()] = true;
        ok = false;
      }
    }
    for (Column column : header.columns) {
      int c = column.ordinal();
      String raw = header.cell(record, column);
      if (column.accountLevel() && raw.equals(lastValidRaw[c])) {
        // An account's values repeat on each of its rows: checked once.
        values[c] = lastValid[c];
        continue;
      }
      try {
        values[c] = parse(column, raw);
        if (column.accountLevel()) {
          lastValidRaw[c] = raw;
          lastValid[c] = values[c];
        }
      } catch (IllegalArgumentException e) {
        invalid[c] = true;
        ok = false;
        errors.add(row, column.header(), e.getMessage());
      }
    }
    return ok;
  }

  private static Object parse(Column column, String raw) {
    return switch (column) {
      case ACCOUNT_ID -> AccountRules.normaliseAccountId(raw);
      case ACCOUNT_NAME -> AccountRules.normaliseName(raw);
      case DOMAIN -> AccountRules.normaliseDomain(raw);
      case INDUSTRY -> ContactRules.normaliseText(raw, false);
      case TIER -> ContactRules.parseTier(raw);
      case OWNER -> AccountRules.normaliseOwner(raw);
      case EMAIL -> ContactRules.normaliseEmail(raw);
      case FIRST_NAME -> ContactRules.normaliseFirstName(raw);
      case LAST_NAME -> ContactRules.normaliseText(raw, false);
      case TITLE -> ContactRules.normaliseText(raw, true);
      case ROLE -> ContactRules.parseRole(raw);
      case PHONE -> ContactRules.normalisePhone(raw);
      case TIMEZONE -> ContactRules.normaliseTimeZone(raw);
      case SMS_CONSENT -> ContactRules.parseSmsConsent(raw);
      case LINKEDIN_URL -> ContactRules.normaliseLinkedinUrl(raw);
    };
  }

  /** Cells under a header cell with no name must stay empty. */
  private boolean unnamedCellsEmpty(CSVRecord record, int row) {
    boolean ok = true;
    for (int i : header.unnamed) {
      String value = record.get(i);
      if (!value.isBlank()) {
        ok = false;
        errors.add(
            row,
            null,
            String.format(
                "%s is in column %d, which has no name in the header: name the column or move the"
                    + " value",
                Text.quote(value.strip()), i + 1));
      }
    }
    return ok;
  }

  /** A row of an account seen before must follow that account's previous row. */
  private boolean together(AccountDraft account, int row) {
    if (account.accountId.equals(previousAccountId)) {
      return true;
    }
    errors.add(
        row,
        Column.ACCOUNT_ID.header(),
        String.format(
            "rows of account '%s' must be together: it first appears on row %d",
            account.accountId, account.firstRow));
    return false;
  }

  private boolean firstTimeInAccount(AccountDraft account, String email, int row) {
    Integer seen = account.seenEmail(email, row);
    if (seen == null) {
      return true;
    }
    errors.add(
        row,
        Column.EMAIL.header(),
        String.format(
            "%s is already on row %d for account '%s': list each person once per account",
            Text.quote(email), seen, account.accountId));
    return false;
  }

  private static TargetContact contact(int row, Object[] values) {
    String email = (String) values[Column.EMAIL.ordinal()];
    return new TargetContact(
        row,
        ContactIds.of(email),
        email,
        (String) values[Column.FIRST_NAME.ordinal()],
        (String) values[Column.LAST_NAME.ordinal()],
        (String) values[Column.TITLE.ordinal()],
        (Role) values[Column.ROLE.ordinal()],
        (String) values[Column.PHONE.ordinal()],
        (String) values[Column.TIMEZONE.ordinal()],
        Boolean.TRUE.equals(values[Column.SMS_CONSENT.ordinal()]),
        (String) values[Column.LINKEDIN_URL.ordinal()]);
  }
}
