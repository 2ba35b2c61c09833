package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.inbound.Classification.Bounce;
import io.abmsequencer.starter.inbound.Classification.Delay;
import io.abmsequencer.starter.inbound.Classification.FailedRecipient;
import io.abmsequencer.starter.inbound.Classification.Other;
import io.abmsequencer.starter.inbound.Classification.PersonalMessage;
import io.abmsequencer.starter.inbound.Classification.UnsubscribeRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what a message is from the message alone, without the database, so every rule is
 * unit-tested on MIME fixtures. The order matters: delivery reports carry {@code Auto-Submitted}
 * too, so they are recognised before auto-replies; a signed unsubscribe subject counts even from an
 * auto-submitting client, while any other automatic mail to the unsubscribe address unsubscribes
 * nobody.
 */
final class MessageClassifier {

  private static final Pattern UNSUBSCRIBE_SUBJECT = Pattern.compile("^\\s*unsubscribe\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BULK_PRECEDENCE = Pattern.compile("^(bulk|list|junk)$", Pattern.CASE_INSENSITIVE);

  private final String unsubscribeAddress;
  private final Clock clock;

  /** @param clock the day a message was written when it carries no date (year of a return date) */
  MessageClassifier(String unsubscribeAddress, Clock clock) {
    this.unsubscribeAddress = unsubscribeAddress == null ? null : unsubscribeAddress.trim().toLowerCase(Locale.ROOT);
    this.clock = clock;
  }

  Classification classify(InboundMessage message, MailboxPurpose purpose) {
    Optional<DeliveryReports.Report> report = DeliveryReports.read(message);
    if (report.isPresent()) return fromReport(report.get());
    if (NonStandardBounces.looksLikeBounce(message)) return NonStandardBounces.classify(message);

    boolean toUnsubscribe = purpose == MailboxPurpose.UNSUBSCRIBE || message.recipients().contains(unsubscribeAddress);
    String token = unsubscribeToken(message.subject());
    if (toUnsubscribe && token != null) return new UnsubscribeRequest(token);

    Optional<Classification.AutoReply> automatic = AutoReplies.detect(message, writtenOn(message));
    if (automatic.isPresent()) return automatic.get();
    if (toUnsubscribe) return new UnsubscribeRequest(null);

    if (message.from() == null) return new Other("no readable sender");
    if (bulk(message)) return new Other("list or bulk mail");
    return new PersonalMessage();
  }

  private static Classification fromReport(DeliveryReports.Report report) {
    List<FailedRecipient> failed = report.recipients().stream()
        .filter(DeliveryReports.RecipientStatus::permanentFailure)
        .map(r -> new FailedRecipient(r.address(), r.detail()))
        .toList();
    if (!failed.isEmpty()) return new Bounce(failed, report.originalMessageId(), report.returned());
    String statuses = report.recipients().stream()
        .map(r -> r.address() + " " + r.action() + " " + r.status())
        .reduce((a, b) -> a + ", " + b)
        .orElse("no recipients");
    return new Delay("delivery report without a permanent failure: " + statuses);
  }

  static String unsubscribeToken(String subject) {
    if (subject == null) return null;
    Matcher matcher = UNSUBSCRIBE_SUBJECT.matcher(subject);
    return matcher.matches() ? matcher.group(1) : null;
  }

  private static boolean bulk(InboundMessage message) {
    String precedence = InboundMessage.header(message.mime(), "Precedence");
    return (precedence != null && BULK_PRECEDENCE.matcher(precedence).matches())
        || InboundMessage.header(message.mime(), "List-Id") != null;
  }

  private LocalDate writtenOn(InboundMessage message) {
    Instant at = message.sentAt() != null ? message.sentAt() : message.receivedAt() != null ? message.receivedAt() : clock.instant();
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
