package io.abmsequencer.activities.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mail.MailSendException;

/**
 * What a {@link MailSendException} means for the touch, decided once here. Works on the Jakarta Mail
 * API types and the server's reply text, so no Angus class is needed at compile time.
 *
 * <p>A permanent refusal suppresses the address only when it says the mailbox is gone: the enhanced
 * status code (RFC 3463) {@code 5.1.x} (bad mailbox, bad domain, bad syntax, moved; but not 5.1.7 /
 * 5.1.8, which are about our sender address) or {@code 5.2.1} (mailbox disabled), given to RCPT TO —
 * or, from a server that sends no enhanced code, 550 / 551 / 553 there. {@code 5.7.x} is the
 * server's policy about us (relay access denied, authentication required, DMARC, spam): the touch
 * fails and the address stays. Every other permanent refusal fails the touch too.
 */
record SmtpFailure(Kind kind, String message) {

  enum Kind {
    /** Spring reports a failed QUIT after the server took the message: it was sent. */
    ACCEPTED,
    /** The server said the recipient's mailbox is gone (5.1.x or 5.2.1 to RCPT TO): a hard bounce. */
    RECIPIENT_REJECTED,
    /** The server refused by policy (5.7.x, at any stage): about our sending, not the recipient. */
    POLICY_BLOCKED,
    /** Another permanent refusal: retrying will not help. */
    REJECTED,
    /** Connection refused, time-out, 4xx: try again later. */
    TRANSIENT
  }

  private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d)[ \\-](?:([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b)?");

  static SmtpFailure of(MailSendException e) {
    if (e.getFailedMessages().isEmpty()) {
      // Spring throws without failed messages only when closing the connection failed after every
      // message was sent.
      return new SmtpFailure(Kind.ACCEPTED, e.getMessage());
    }
    Exception cause = e.getFailedMessages().values().iterator().next();
    List<Throwable> chain = chain(cause);
    String reply = chain.stream().map(Throwable::getMessage).filter(SmtpFailure::isReply).findFirst().orElse(null);
    String message = (reply != null ? reply : describe(cause)).strip();
    boolean atRecipient = false;
    for (Throwable t : chain) {
      if (t instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0) {
        atRecipient = true;
      }
    }
    Matcher m = reply == null ? null : REPLY.matcher(reply);
    if (m == null || !m.find()) {
      // A recipient refused without the server's words: permanent, but nothing says the mailbox is gone.
      return new SmtpFailure(atRecipient ? Kind.REJECTED : Kind.TRANSIENT, message);
    }
    if (!m.group(1).startsWith("5")) return new SmtpFailure(Kind.TRANSIENT, message);
    String basic = m.group(1);
    if (m.group(2) == null) {
      boolean mailboxGone = basic.equals("550") || basic.equals("551") || basic.equals("553");
      return new SmtpFailure(atRecipient && mailboxGone ? Kind.RECIPIENT_REJECTED : Kind.REJECTED, message);
    }
    int subject = Integer.parseInt(m.group(3));
    int detail = Integer.parseInt(m.group(4));
    if (subject == 7) return new SmtpFailure(Kind.POLICY_BLOCKED, message);
    boolean mailboxGone = (subject == 1 && detail != 7 && detail != 8) || (subject == 2 && detail == 1);
    return new SmtpFailure(atRecipient && mailboxGone ? Kind.RECIPIENT_REJECTED : Kind.REJECTED, message);
  }

  private static boolean isReply(String text) {
    return text != null && REPLY.matcher(text).find();
  }

  private static String describe(Throwable t) {
    List<String> parts = new ArrayList<>();
    for (Throwable c : chain(t)) {
      if (c.getMessage() != null && !parts.contains(c.getMessage())) parts.add(c.getMessage());
    }
    return parts.isEmpty() ? t.getClass().getSimpleName() : String.join(": ", parts);
  }

  /** The throwable, its causes and Jakarta Mail's "next" exceptions, each once. */
  private static List<Throwable> chain(Throwable start) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> out = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>(List.of(start));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (t == null || !seen.add(t)) continue;
      out.add(t);
      if (t instanceof MessagingException me) todo.add(me.getNextException());
      todo.add(t.getCause());
    }
    return out;
  }
}
