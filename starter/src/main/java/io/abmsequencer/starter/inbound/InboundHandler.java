package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.inbound.Classification.AutoReply;
import io.abmsequencer.starter.inbound.Classification.Bounce;
import io.abmsequencer.starter.inbound.Classification.Delay;
import io.abmsequencer.starter.inbound.Classification.FailedRecipient;
import io.abmsequencer.starter.inbound.Classification.Other;
import io.abmsequencer.starter.inbound.Classification.PersonalMessage;
import io.abmsequencer.starter.inbound.Classification.UnsubscribeRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a classified message into at most one kind of {@link InboundActions} call: ties it to our
 * e-mail through the ledger, decides who it is about, and says what was done. Exceptions from the
 * actions propagate, so the poller leaves the message for the next poll.
 */
final class InboundHandler {

  private final InboundActions actions;
  private final TouchLookup touches;
  private final UnsubscribeTokens tokens;
  private final MessageClassifier classifier;
  private final AwayPolicy awayPolicy;
  private final boolean sameCompanyReplies;

  InboundHandler(
      InboundActions actions, TouchLookup touches, UnsubscribeTokens tokens, MessageClassifier classifier,
      AwayPolicy awayPolicy, boolean sameCompanyReplies) {
    this.actions = actions;
    this.touches = touches;
    this.tokens = tokens;
    this.classifier = classifier;
    this.awayPolicy = awayPolicy;
    this.sameCompanyReplies = sameCompanyReplies;
  }

  /** @param messageKey the message's Message-ID, or a stable substitute, handed to the actions for their idempotency */
  Handled handle(InboundMessage message, MailboxPurpose purpose, String messageKey) {
    if (message.messageId() != null && touches.isOurs(message.messageId())) {
      return Handled.of(InboundKind.OWN, "a copy of our own e-mail");
    }
    Classification classification;
    try {
      classification = classifier.classify(message, purpose);
    } catch (RuntimeException e) {
      // Malformed mail must not block the mailbox: it is recorded and passed over, not retried.
      classification = new Other("could not be read: " + e);
    }
    if (classification instanceof Bounce bounce) return bounce(bounce);
    if (classification instanceof Delay delay) return Handled.of(InboundKind.DELAY, delay.detail());
    if (classification instanceof UnsubscribeRequest request) return unsubscribe(message, request);
    if (classification instanceof AutoReply auto) return autoReply(message, auto, messageKey);
    if (classification instanceof PersonalMessage) return reply(message, messageKey);
    return Handled.of(InboundKind.OTHER, ((Other) classification).why());
  }

  private Handled bounce(Bounce bounce) {
    Optional<MatchedTouch> original = bounce.originalMessageId() == null
        ? Optional.empty()
        : touches.byMessageIds(List.of(bounce.originalMessageId()));
    List<FailedRecipient> failed = bounce.failed();
    if (failed.isEmpty() && original.isPresent()) {
      // A non-standard bounce that names no address we trust, about an e-mail we know: its recipient.
      failed = List.of(new FailedRecipient(original.get().recipient(), "5.0.0 bounced (non-standard report)"));
    }
    if (failed.isEmpty()) return Handled.of(InboundKind.OTHER, "bounce without a recognisable recipient");
    StringBuilder outcome = new StringBuilder("bounced:");
    for (FailedRecipient recipient : failed) {
      actions.bounced(recipient.email(), recipient.detail());
      outcome.append(' ').append(recipient.email()).append(" (").append(recipient.detail()).append(')');
    }
    return new Handled(InboundKind.BOUNCE, outcome.toString(), original.orElse(null));
  }

  private Handled unsubscribe(InboundMessage message, UnsubscribeRequest request) {
    String contactId = request.token() == null ? null : tokens.contactId(request.token()).orElse(null);
    if (contactId != null) {
      String email = touches.contactEmail(contactId).orElse(message.from());
      actions.unsubscribed(contactId, email, "mail to the unsubscribe address, signed token");
      return Handled.of(InboundKind.UNSUBSCRIBE, "unsubscribed contact " + contactId + " (" + email + ") by token");
    }
    if (message.from() == null) return Handled.of(InboundKind.OTHER, "unsubscribe mail without a valid token or sender");
    String how = request.token() == null
        ? "mail to the unsubscribe address, by its sender"
        : "mail to the unsubscribe address, by its sender (token not valid)";
    actions.unsubscribed(null, message.from(), how);
    return Handled.of(InboundKind.UNSUBSCRIBE, "unsubscribed " + message.from() + " by sender address");
  }

  private Handled autoReply(InboundMessage message, AutoReply auto, String messageKey) {
    if (!auto.outOfOffice()) return Handled.of(InboundKind.AUTO_REPLY, "automatic answer, not a reply (" + auto.why() + ")");
    Optional<MatchedTouch> byHeaders = touches.byMessageIds(message.threadIds());
    Optional<MatchedTouch> touch = byHeaders.isPresent() || message.from() == null
        ? byHeaders
        : touches.latestRunningTo(message.from());
    // Answering our exact e-mail from the account's domain is the contact's mailbox (an alias);
    // tied only by the sender's address, it must be the contact's address itself.
    boolean theContact = touch.isPresent()
        && (touch.get().isContact(message.from()) || byHeaders.isPresent() && touch.get().isSameCompany(message.from()));
    if (!theContact) return Handled.of(InboundKind.AUTO_REPLY, "out-of-office note from " + message.from() + ", not one of our contacts");
    MatchedTouch t = touch.get();
    AwayPolicy.Until until = awayPolicy.until(auto.statedReturn(), t.zone());
    actions.away(new InboundActions.Away(
        t.touchKey(), t.workflowId(), t.contactId(), t.recipient(), until.until(), until.stated(),
        "out-of-office note: " + message.subject(), messageKey));
    return new Handled(InboundKind.AWAY, "away until " + until.until() + (until.stated() ? " (stated)" : " (default)"), t);
  }

  private Handled reply(InboundMessage message, String messageKey) {
    Optional<MatchedTouch> byHeaders = touches.byMessageIds(message.threadIds());
    if (byHeaders.isPresent()) {
      MatchedTouch t = byHeaders.get();
      if (t.isContact(message.from())) return replied(message, t, false, messageKey);
      if (t.isSameCompany(message.from())) {
        return sameCompanyReplies
            ? replied(message, t, true, messageKey)
            : new Handled(InboundKind.OTHER, "reply from a colleague at the account (same-company-replies is off)", t);
      }
      return new Handled(InboundKind.OTHER, "answer to our e-mail from outside the account's domain: " + message.from(), t);
    }
    Optional<MatchedTouch> bySender = touches.latestRunningTo(message.from());
    if (bySender.isPresent()) return replied(message, bySender.get(), false, messageKey);
    return Handled.of(InboundKind.OTHER, "not an answer to any of our e-mails");
  }

  private Handled replied(InboundMessage message, MatchedTouch t, boolean colleague, String messageKey) {
    Instant at = message.receivedAt() != null ? message.receivedAt() : message.sentAt();
    actions.replied(new InboundActions.Reply(
        t.touchKey(), t.workflowId(), t.accountId(), t.contactId(), message.from(), message.fromName(),
        colleague, message.subject(), ReplyText.excerpt(message.text()), at, messageKey));
    return new Handled(InboundKind.REPLY, colleague ? "reply from a colleague of the contact" : "reply from the contact", t);
  }
}
