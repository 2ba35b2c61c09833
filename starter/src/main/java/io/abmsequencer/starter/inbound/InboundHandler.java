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
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a classified message into at most one kind of {@link InboundActions} call: ties it to our
 * e-mail through the ledger, decides who it is about, and says what was done. Exceptions from the
 * actions propagate, so the poller leaves the message for the next poll.
 *
 * <p><b>What is believed.</b> Anyone can send mail to a polled mailbox with any From header, so a
 * message acts only on what it proves:
 * <ul>
 *   <li>a bounce, only when it names an e-mail we sent — its Message-ID (keyed, see {@code
 *       LinkTokens#messageId}), or the {@code X-ABM-Touch} of the returned copy together with that
 *       copy's signed unsubscribe token for the same contact — and only for that e-mail's recipient;
 *   <li>an unsubscribe mail, only with the signed token of the List-Unsubscribe mailto, or from a
 *       sender our receiving server authenticated ({@link SenderAuthentication});
 *   <li>a reply, when its thread headers name our e-mail (as before), or when its sender is
 *       authenticated; otherwise it becomes a task for a person to confirm, and nothing ends.
 * </ul>
 * Out-of-office notes still hold a contact on the sender's address alone: they only delay touches.
 */
final class InboundHandler {

  private final InboundActions actions;
  private final TouchLookup touches;
  private final UnsubscribeTokens tokens;
  private final MessageClassifier classifier;
  private final AwayPolicy awayPolicy;
  private final SenderAuthentication senders;
  private final boolean sameCompanyReplies;

  InboundHandler(
      InboundActions actions, TouchLookup touches, UnsubscribeTokens tokens, MessageClassifier classifier,
      AwayPolicy awayPolicy, SenderAuthentication senders, boolean sameCompanyReplies) {
    this.actions = actions;
    this.touches = touches;
    this.tokens = tokens;
    this.classifier = classifier;
    this.awayPolicy = awayPolicy;
    this.senders = senders;
    this.sameCompanyReplies = sameCompanyReplies;
  }

  /** @param messageKey the message's Message-ID, or a stable substitute, handed to the actions for their idempotency */
  Handled handle(InboundMessage message, MailboxPurpose purpose, String messageKey) {
    if (message.messageId() != null && touches.isOurs(message.messageId())) {
      return Handled.ignored(InboundKind.OWN, "a copy of our own e-mail");
    }
    Classification classification;
    try {
      classification = classifier.classify(message, purpose);
    } catch (RuntimeException e) {
      // Malformed mail must not block the mailbox: it is recorded and passed over, not retried.
      classification = new Other("could not be read: " + e);
    }
    if (classification instanceof Bounce bounce) return bounce(bounce);
    if (classification instanceof Delay delay) return Handled.ignored(InboundKind.DELAY, delay.detail());
    if (classification instanceof UnsubscribeRequest request) return unsubscribe(message, request);
    if (classification instanceof AutoReply auto) return autoReply(message, auto, messageKey);
    if (classification instanceof PersonalMessage) return reply(message, messageKey);
    return Handled.ignored(InboundKind.OTHER, ((Other) classification).why());
  }

  private Handled bounce(Bounce bounce) {
    Optional<MatchedTouch> original = bouncedEmail(bounce);
    String named = bounce.failed().stream().map(FailedRecipient::email).distinct().reduce((a, b) -> a + ", " + b).orElse("no address");
    if (original.isEmpty()) {
      return Handled.refused(InboundKind.BOUNCE, "bounce for " + named + " names no e-mail we sent"
          + " (no Message-ID of ours, no X-ABM-Touch with its signed unsubscribe token)", null);
    }
    MatchedTouch t = original.get();
    // A non-standard bounce that names no address we could read is about its e-mail's recipient.
    Optional<FailedRecipient> failed = bounce.failed().isEmpty()
        ? Optional.of(new FailedRecipient(t.recipient(), "5.0.0 bounced (non-standard report)"))
        : bounce.failed().stream().filter(r -> t.isContact(r.email())).findFirst();
    if (failed.isEmpty()) {
      return Handled.refused(InboundKind.BOUNCE, "bounce names " + named + ", not " + t.recipient()
          + ", the recipient of the e-mail it returns", t);
    }
    actions.bounced(t.recipient(), failed.get().detail());
    return Handled.acted(InboundKind.BOUNCE, "bounced: " + t.recipient() + " (" + failed.get().detail() + ")", t);
  }

  /** The e-mail of ours the bounce proves it is about, if any. */
  private Optional<MatchedTouch> bouncedEmail(Bounce bounce) {
    List<String> ids = Stream.of(bounce.originalMessageId(), bounce.returned().messageId()).filter(Objects::nonNull).distinct().toList();
    Optional<MatchedTouch> byId = touches.byMessageIds(ids);
    if (byId.isPresent()) return byId;
    // Some relays replace the Message-ID. X-ABM-Touch names the touch in clear (anyone can guess one);
    // the signed unsubscribe token of the same returned copy proves the copy is of our e-mail to that contact.
    ReturnedMessage returned = bounce.returned();
    if (returned.touchKey() == null || returned.unsubscribeToken() == null) return Optional.empty();
    Optional<String> signedFor = tokens.contactId(returned.unsubscribeToken());
    return touches.byTouchKey(returned.touchKey()).filter(t -> signedFor.isPresent() && signedFor.get().equals(t.contactId()));
  }

  private Handled unsubscribe(InboundMessage message, UnsubscribeRequest request) {
    String contactId = request.token() == null ? null : tokens.contactId(request.token()).orElse(null);
    if (contactId != null) {
      String email = touches.contactEmail(contactId).orElse(message.from());
      actions.unsubscribed(contactId, email, "mail to the unsubscribe address, signed token");
      return Handled.acted(InboundKind.UNSUBSCRIBE, "unsubscribed contact " + contactId + " (" + email + ") by token", null);
    }
    String token = request.token() == null ? "no token" : "token not valid";
    if (message.from() == null) return Handled.refused(InboundKind.UNSUBSCRIBE, "unsubscribe mail with " + token + " and no sender", null);
    SenderAuthentication.Verdict sender = senders.of(message);
    if (!sender.authenticated()) {
      return Handled.refused(InboundKind.UNSUBSCRIBE, "unsubscribe mail for " + message.from() + " with " + token
          + ", and the sender is not authenticated: " + sender.how(), null);
    }
    actions.unsubscribed(null, message.from(), "mail to the unsubscribe address, by its authenticated sender (" + sender.how() + ")");
    return Handled.acted(InboundKind.UNSUBSCRIBE, "unsubscribed " + message.from() + " by authenticated sender (" + sender.how() + ")", null);
  }

  private Handled autoReply(InboundMessage message, AutoReply auto, String messageKey) {
    if (!auto.outOfOffice()) return Handled.ignored(InboundKind.AUTO_REPLY, "automatic answer, not a reply (" + auto.why() + ")");
    Optional<MatchedTouch> byHeaders = touches.byMessageIds(message.threadIds());
    Optional<MatchedTouch> touch = byHeaders.isPresent() || message.from() == null
        ? byHeaders
        : touches.latestRunningTo(message.from());
    // Answering our exact e-mail from the account's domain is the contact's mailbox (an alias);
    // tied only by the sender's address, it must be the contact's address itself.
    boolean theContact = touch.isPresent()
        && (touch.get().isContact(message.from()) || byHeaders.isPresent() && touch.get().isSameCompany(message.from()));
    if (!theContact) return Handled.ignored(InboundKind.AUTO_REPLY, "out-of-office note from " + message.from() + ", not one of our contacts");
    MatchedTouch t = touch.get();
    AwayPolicy.Until until = awayPolicy.until(auto.statedReturn(), t.zone());
    actions.away(new InboundActions.Away(
        t.touchKey(), t.workflowId(), t.contactId(), t.recipient(), until.until(), until.stated(),
        "out-of-office note: " + message.subject(), messageKey));
    return Handled.acted(InboundKind.AWAY, "away until " + until.until() + (until.stated() ? " (stated)" : " (default)"), t);
  }

  private Handled reply(InboundMessage message, String messageKey) {
    Optional<MatchedTouch> byHeaders = touches.byMessageIds(message.threadIds());
    if (byHeaders.isPresent()) {
      MatchedTouch t = byHeaders.get();
      if (t.isContact(message.from())) return replied(message, t, false, messageKey, "reply from the contact");
      if (t.isSameCompany(message.from())) {
        return sameCompanyReplies
            ? replied(message, t, true, messageKey, "reply from a colleague of the contact")
            : Handled.ignored(InboundKind.OTHER, "reply from a colleague at the account (same-company-replies is off)", t);
      }
      return Handled.ignored(InboundKind.OTHER, "answer to our e-mail from outside the account's domain: " + message.from(), t);
    }
    Optional<MatchedTouch> bySender = touches.latestRunningTo(message.from());
    if (bySender.isEmpty()) return Handled.ignored(InboundKind.OTHER, "not an answer to any of our e-mails");
    SenderAuthentication.Verdict sender = senders.of(message);
    if (sender.authenticated()) {
      return replied(message, bySender.get(), false, messageKey, "reply from the contact, without thread headers; sender " + sender.how());
    }
    // Nothing but a From header ties it to the contact, and anyone can write one: a person decides.
    actions.possibleReply(reply(message, bySender.get(), false, messageKey));
    return new Handled(InboundKind.REPLY, Handled.Result.TO_CONFIRM, "possible reply from " + message.from()
        + ": no thread headers of ours and the sender is not authenticated (" + sender.how() + "); a task asks the owner to confirm",
        bySender.get());
  }

  private Handled replied(InboundMessage message, MatchedTouch t, boolean colleague, String messageKey, String outcome) {
    actions.replied(reply(message, t, colleague, messageKey));
    return Handled.acted(InboundKind.REPLY, outcome, t);
  }

  private static InboundActions.Reply reply(InboundMessage message, MatchedTouch t, boolean colleague, String messageKey) {
    Instant at = message.receivedAt() != null ? message.receivedAt() : message.sentAt();
    return new InboundActions.Reply(
        t.touchKey(), t.workflowId(), t.accountId(), t.contactId(), message.from(), message.fromName(),
        colleague, message.subject(), ReplyText.excerpt(message.text()), at, messageKey);
  }
}
