package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.target.Text;
import io.abmsequencer.workflows.playbook.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** An account while its rows are read: its first row's values, its contacts, its e-mails. */
final class AccountDraft {
  private static final List<Column> ACCOUNT_COLUMNS =
      Column.ALL.stream().filter(Column::accountLevel).filter(c -> c != Column.ACCOUNT_ID).toList();

  final String accountId;
  final int firstRow;
  private final Object[] first;
  private final boolean[] firstInvalid;
  private final List<TargetContact> contacts = new ArrayList<>();

  /** Lower-case e-mail → row it first appeared on. */
  private final Map<String, Integer> emails = new HashMap<>();

  AccountDraft(String accountId, int firstRow, Object[] values, boolean[] invalid) {
    this.accountId = accountId;
    this.firstRow = firstRow;
    this.first = values.clone();
    this.firstInvalid = invalid.clone();
  }

  /** Reports every account-level value of a later row that differs from the first row's. */
  boolean checkSameAsFirst(int row, Object[] values, boolean[] invalid, Errors errors) {
    boolean same = true;
    for (Column column : ACCOUNT_COLUMNS) {
      int c = column.ordinal();
      if (invalid[c] || firstInvalid[c] || Objects.equals(values[c], first[c])) {
        continue;
      }
      same = false;
      errors.add(
          row,
          column.header(),
          String.format(
              "%s here but %s on row %d (this account's first row): every row of account '%s'"
                  + " must have the same %s",
              shown(values[c]), shown(first[c]), firstRow, accountId, column.header()));
    }
    return same;
  }

  /** The row where this e-mail already appeared in the account, or null (then it is recorded). */
  Integer seenEmail(String email, int row) {
    return emails.putIfAbsent(email.toLowerCase(Locale.ROOT), row);
  }

  void add(TargetContact contact) {
    contacts.add(contact);
  }

  TargetAccount build() {
    return new TargetAccount(
        accountId,
        (String) first[Column.ACCOUNT_NAME.ordinal()],
        (String) first[Column.DOMAIN.ordinal()],
        (String) first[Column.INDUSTRY.ordinal()],
        (Tier) first[Column.TIER.ordinal()],
        (String) first[Column.OWNER.ordinal()],
        firstRow,
        contacts);
  }

  private static String shown(Object value) {
    if (value == null) {
      return "empty";
    }
    if (value instanceof Tier tier) {
      return tier.label();
    }
    return Text.quote(value.toString());
  }
}
