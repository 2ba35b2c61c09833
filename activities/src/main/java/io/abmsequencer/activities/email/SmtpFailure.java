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
 */
record SmtpFailure(Kind kind, String message) {

  enum Kind {
    /** Spring reports a failed QUIT after the server took the message: it was sent. */
    ACCEPTED,
    /** The server refused the recipient permanently (5xx to RCPT TO): a hard bounce. */
    RECIPIENT_REJECTED,
    /** Another permanent refusal (5xx to MAIL FROM or DATA): retrying will not help. */
    REJECTED,
    /** Connection refused, time-out, 4xx: try again later. */
    TRANSIENT
  }

  private static final Pattern REPLY = Pattern.compile("^\\s*([2-5])\\d\\d[ \\-]");

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
    for (Throwable t : chain) {
      if (t instanceof SendFailedException sfe
          && sfe.getInvalidAddresses() != null
          && sfe.getInvalidAddresses().length > 0) {
        return new SmtpFailure(Kind.RECIPIENT_REJECTED, message);
      }
    }
    if (reply != null) {
      Matcher m = REPLY.matcher(reply);
      if (m.find() && m.group(1).equals("5")) return new SmtpFailure(Kind.REJECTED, message);
    }
    return new SmtpFailure(Kind.TRANSIENT, message);
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
