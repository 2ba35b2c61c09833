package io.abmsequencer.activities.email;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sending caps ({@code abm.mail.caps.*}), checked right before an e-mail goes out: at most
 * {@code per-sender-per-day} e-mails per sender mailbox per day, and at most {@code per-contact}
 * e-mails per contact address in any {@code per-contact-window}, across all sequences.
 *
 * <p>The check and the ledger's {@code SENDING} row (which is the reservation of a slot) are one
 * transaction under PostgreSQL advisory transaction locks on the sender and on the contact
 * address, always taken in that order; so concurrent activities, in one process or many, never
 * both take the last slot. Counted are the touches {@code SENT} or {@code SENDING}. A key that
 * already has a row was admitted before: a final row returns its outcome, a row still {@code
 * SENDING} (a retry) keeps its slot, and neither is counted again.
 *
 * <p>Over a cap, nothing is written: the touch is {@code DEFERRED} with the time the next slot
 * opens — the next day in {@code abm.mail.caps.zone}, or when the oldest counted e-mail to the
 * contact leaves the window — and the same key can be sent then.
 */
@WorkerSide
@Component
public class SendingCaps {
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT);

  /** An e-mail about to be claimed in the ledger. */
  public record Outgoing(
      TouchKey key, String accountId, String recipient, String sender, String subject, String body, String messageId) {}

  /**
   * Either the ledger row this call may send under ({@code row}; it may already be final), or why
   * not yet ({@code deferral}, with {@code reason} the cap that set its time: {@code per-sender} or
   * {@code per-contact}).
   */
  public record Admission(TouchRow row, TouchResult deferral, String reason) {
    public boolean deferred() {
      return deferral != null;
    }
  }

  private record Over(String reason, Instant next, String why) {}

  private final Ledger ledger;
  private final JdbcClient jdbc;
  private final MailSettings.Caps caps;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public SendingCaps(
      Ledger ledger,
      JdbcClient jdbc,
      MailSettings settings,
      PlatformTransactionManager transactionManager,
      ObjectProvider<Clock> clock) {
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.caps = settings.caps();
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** Claims the ledger row for {@code mail}, or defers it when a cap is reached. */
  public Admission claim(Outgoing mail) {
    Optional<TouchRow> existing = ledger.find(mail.key());
    if (existing.isPresent() && existing.get().isFinal()) return new Admission(existing.get(), null, null);
    if (!caps.perSenderOn() && !caps.perContactOn()) return new Admission(begin(mail, clock.instant()), null, null);
    return transactions.execute(status -> admit(mail));
  }

  private Admission admit(Outgoing mail) {
    if (caps.perSenderOn()) lock("abm-cap/sender/" + mail.sender());
    if (caps.perContactOn()) lock("abm-cap/recipient/" + mail.recipient());
    Instant now = clock.instant();
    if (ledger.find(mail.key()).isPresent()) {
      // Admitted before (a retry): its row holds its slot.
      return new Admission(begin(mail, now), null, null);
    }
    List<Over> over = new ArrayList<>();
    if (caps.perSenderOn()) senderCap(mail.sender(), now).ifPresent(over::add);
    if (caps.perContactOn()) contactCap(mail.recipient(), now).ifPresent(over::add);
    if (over.isEmpty()) return new Admission(begin(mail, now), null, null);

    Over binding = over.stream().max(Comparator.comparing(Over::next)).orElseThrow();
    String why = over.stream().map(Over::why).collect(Collectors.joining("; "));
    return new Admission(null, TouchResult.deferred(binding.next(), why), binding.reason());
  }

  private Optional<Over> senderCap(String sender, Instant now) {
    ZoneId zone = caps.zone();
    LocalDate day = now.atZone(zone).toLocalDate();
    Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
    int sent = ledger.countSlotsFromSender(Channel.EMAIL, sender, day.atStartOfDay(zone).toInstant(), next);
    if (sent < caps.perSenderPerDay()) return Optional.empty();
    return Optional.of(new Over(
        "per-sender",
        next,
        "per-sender cap: " + emails(sent) + " from " + sender + " on " + day + " (" + zone.getId() + ");"
            + " next slot " + minutes(next)));
  }

  private Optional<Over> contactCap(String recipient, Instant now) {
    Duration window = caps.perContactWindow();
    List<Instant> slots = ledger.slotsToRecipient(Channel.EMAIL, recipient, now.minus(window));
    if (slots.size() < caps.perContact()) return Optional.empty();
    // The slot opens when enough of the counted e-mails have left the window (the oldest, unless
    // the cap was lowered below what was already sent).
    Instant next = slots.get(slots.size() - caps.perContact()).plus(window);
    return Optional.of(new Over(
        "per-contact",
        next,
        "per-contact cap: " + emails(slots.size()) + " in the last " + describe(window) + "; next slot " + minutes(next)));
  }

  private TouchRow begin(Outgoing mail, Instant now) {
    return ledger.begin(
        mail.key(), mail.accountId(), Channel.EMAIL, mail.recipient(), mail.sender(), mail.subject(), mail.body(),
        mail.messageId(), now);
  }

  /** Held until the transaction ends; a hash collision only makes two unrelated claims wait in turn. */
  private void lock(String name) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:name, 0))")
        .param("name", name)
        .query((rs, n) -> Boolean.TRUE)
        .list();
  }

  private static String emails(int n) {
    return n == 1 ? "1 e-mail" : n + " e-mails";
  }

  /** Rounded up to the minute: the slot is open by then. */
  private static String minutes(Instant instant) {
    Instant up = instant.truncatedTo(ChronoUnit.MINUTES);
    if (up.isBefore(instant)) up = up.plus(1, ChronoUnit.MINUTES);
    return MINUTES.format(up.atOffset(ZoneOffset.UTC));
  }

  static String describe(Duration window) {
    if (window.toNanosPart() != 0 || window.toSecondsPart() != 0 || window.toMinutesPart() != 0) return window.toString();
    if (window.toHoursPart() == 0) {
      long days = window.toDays();
      return days == 1 ? "day" : days + " days";
    }
    long hours = window.toHours();
    return hours == 1 ? "hour" : hours + " hours";
  }
}
