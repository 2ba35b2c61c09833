package io.abmsequencer.starter.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;

/**
 * The sender of an inbound text in the form contacts' numbers are stored and suppressed in (E.164,
 * as launches normalise them). Twilio sends E.164 already; parsing it with libphonenumber anyway
 * makes the match independent of how it is written. Validity is not checked: the number just
 * texted us, whatever libphonenumber's metadata thinks of it.
 */
final class InboundNumbers {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private InboundNumbers() {}

  static Optional<String> e164(String from) {
    if (from == null || from.isBlank()) return Optional.empty();
    String value = from.strip();
    if (!value.startsWith("+")) return Optional.empty();
    try {
      return Optional.of(PHONES.format(PHONES.parse(value, "ZZ"), PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** Enough of the number to tell senders apart in a log, not enough to text them. */
  static String masked(String number) {
    if (number == null) return "(none)";
    if (number.length() <= 6) return "****";
    return number.substring(0, 2) + "*".repeat(number.length() - 6) + number.substring(number.length() - 4);
  }
}
