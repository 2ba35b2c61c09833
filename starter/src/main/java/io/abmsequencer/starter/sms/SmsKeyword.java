package io.abmsequencer.starter.sms;

import java.util.Locale;
import java.util.Set;

/**
 * The keywords of an inbound text. Like Twilio, only a message that is the keyword alone counts
 * ("STOP", " stop "), not a sentence with it ("please stop"). The opt-out words are the ones Twilio
 * acts on by default for long codes (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT),
 * so our suppression list never lets a text through that Twilio would refuse with 21610.
 */
enum SmsKeyword {
  STOP,
  START,
  HELP,
  /** Any other text: a reply for a person to read, not an instruction. */
  NONE;

  private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  private static final Set<String> START_WORDS = Set.of("START", "UNSTOP");
  private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

  static SmsKeyword of(String body) {
    if (body == null) return NONE;
    String word = body.strip().toUpperCase(Locale.ROOT);
    if (STOP_WORDS.contains(word)) return STOP;
    if (START_WORDS.contains(word)) return START;
    if (HELP_WORDS.contains(word)) return HELP;
    return NONE;
  }
}
