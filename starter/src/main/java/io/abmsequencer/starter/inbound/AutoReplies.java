package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.inbound.Classification.AutoReply;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells automatic answers from people's (RFC 3834 {@code Auto-Submitted}, the older {@code
 * X-Autoreply} / {@code X-Autorespond} / {@code Precedence: auto_reply}, and the subjects mail
 * clients give them), and out-of-office notes from other automatic answers ("thanks for your
 * message, ticket #123"), which must never count as replies.
 */
final class AutoReplies {

  /**
   * Subjects automatic answers start with, in five languages. A person's reply starts with "Re:",
   * so none is accepted after one; the short words must be followed by a colon, because "Away day
   * ideas" is a subject a person writes.
   */
  private static final Pattern AUTO_SUBJECT = Pattern.compile(
      "^\\[?("
          + "out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|autoresponder"
          + "|away (until|till|from)|i'?m away|i am away"
          + "|abwesenheitsnotiz|automatische antwort|réponse automatique|reponse automatique"
          + "|respuesta automática|respuesta automatica|fuera de la oficina|automatisch antwoord|afwezigheidsbericht"
          + "|(away|ooo|absence|absent|abwesenheit|abwesend|afwezig|ausente)\\]?\\s*(:|$)"
          + ")",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** Words that say the person is away, anywhere in the subject or the new text. */
  private static final Pattern OUT_OF_OFFICE = Pattern.compile(
      "out of (the )?office|\\booo\\b|away from (the |my )?(office|desk|email|e-mail)|\\bi am away\\b|\\bi'm away\\b"
          + "|on (vacation|holiday|leave|annual leave|parental leave|maternity leave|paternity leave|sick leave|a business trip)"
          + "|limited access to (my )?e-?mail|away until"
          + "|abwesenheit|abwesend|nicht im büro|außer haus|ausser haus|im urlaub|in urlaub|elternzeit|nicht erreichbar"
          + "|absente?\\b|en congé|en vacances|hors du bureau|de retour le"
          + "|fuera de la oficina|de vacaciones|ausente|de baja"
          + "|afwezig|niet op kantoor|met vakantie|op vakantie|niet aanwezig",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private AutoReplies() {}

  /** The automatic answer this message is, or empty when a person wrote it. */
  static Optional<AutoReply> detect(InboundMessage message, LocalDate written) {
    String why = automaticBecause(message);
    if (why == null) return Optional.empty();
    String subject = message.subject() == null ? "" : message.subject();
    String fresh = ReplyText.fresh(message.text());
    boolean away = OUT_OF_OFFICE.matcher(subject).find() || OUT_OF_OFFICE.matcher(fresh).find();
    if (!away) return Optional.of(new AutoReply(false, null, why));
    LocalDate stated = ReturnDates.find(subject + "\n" + fresh, written).orElse(null);
    return Optional.of(new AutoReply(true, stated, why));
  }

  /** Why the message is automatic, or null when nothing says so. */
  private static String automaticBecause(InboundMessage message) {
    String autoSubmitted = lower(InboundMessage.header(message.mime(), "Auto-Submitted"));
    if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) return "Auto-Submitted: " + autoSubmitted;
    if (InboundMessage.header(message.mime(), "X-Autoreply") != null) return "X-Autoreply";
    if (InboundMessage.header(message.mime(), "X-Autorespond") != null) return "X-Autorespond";
    if (lower(InboundMessage.header(message.mime(), "Precedence")).equals("auto_reply")) return "Precedence: auto_reply";
    String subject = message.subject() == null ? "" : message.subject().strip();
    if (AUTO_SUBJECT.matcher(subject).find()) return "subject '" + subject + "'";
    return null;
  }

  private static String lower(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }
}
