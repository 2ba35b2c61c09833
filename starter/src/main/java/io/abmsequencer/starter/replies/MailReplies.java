package io.abmsequencer.starter.replies;

import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.starter.engagement.EngagementService;
import io.abmsequencer.starter.inbound.InboundActions;
import io.abmsequencer.starter.launch.ContactRules;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.suppression.ConsentService;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.sequence.Contact;
import io.abmsequencer.workflows.sequence.ContactAway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the product does with mail that comes back. Bounces and mailed unsubscribes go on the
 * suppression list (and reach the running sequences); a reply is high-intent engagement — it ends
 * the sequence when the playbook says so — and lands in the owner's inbox as a task; an
 * out-of-office holds that one contact until they are back. All idempotent by the message.
 */
@Component
class MailReplies implements InboundActions {
  private static final Logger log = LoggerFactory.getLogger(MailReplies.class);
  private static final List<TaskOutcome> OUTCOMES = List.of(TaskOutcome.COMPLETED, TaskOutcome.MEETING_BOOKED, TaskOutcome.DISQUALIFIED, TaskOutcome.SKIPPED);

  private final ConsentService consent;
  private final EngagementService engagement;
  private final SequenceRepository sequences;
  private final SequenceClient client;
  private final TaskInbox tasks;

  MailReplies(ConsentService consent, EngagementService engagement, SequenceRepository sequences, SequenceClient client, TaskInbox tasks) {
    this.consent = consent;
    this.engagement = engagement;
    this.sequences = sequences;
    this.client = client;
    this.tasks = tasks;
  }

  @Override
  public void bounced(String email, String detail) {
    consent.optOutEmail(email, SuppressionReason.HARD_BOUNCE, detail, "bounce");
  }

  @Override
  public void unsubscribed(String contactId, String email, String how) {
    String address = contactId != null && consent.emailOf(contactId) != null ? consent.emailOf(contactId) : email;
    if (address == null) {
      log.warn("Unsubscribe request by mail with no address to suppress ({})", how);
      return;
    }
    consent.optOutEmail(address, SuppressionReason.UNSUBSCRIBED, how, "recipient");
  }

  /**
   * The sender's address when the API's rules accept it, otherwise none: a colleague's odd but
   * deliverable address ({@code taro..yamada@...}) must not make the reply fail, or the mailbox
   * poller would retry the same message for ever and every later reply, bounce and unsubscribe
   * would wait behind it. The reply still counts for the account.
   */
  static String acceptedEmail(String email) {
    if (email == null) return null;
    try {
      return ContactRules.normaliseEmail(email);
    } catch (IllegalArgumentException e) {
      log.info("Reply from an address the contact rules refuse ({}): counted for the account, not the person", e.getMessage());
      return null;
    }
  }

  @Override
  public void replied(Reply reply) {
    String id = digest(reply.messageId());
    engagement.receive(new EngagementService.Event("reply-" + id, reply.accountId(), acceptedEmail(reply.fromEmail()), "EMAIL_REPLY",
        reply.receivedAt() == null ? Instant.now() : reply.receivedAt()));
    Optional<SequenceRow> sequence = sequences.find(reply.workflowId());
    if (sequence.isEmpty()) return;
    SequenceRow s = sequence.get();
    Contact contact = sequences.contacts(s.workflowId()).stream().filter(c -> c.id().equals(reply.contactId())).findFirst().orElse(null);
    String who = reply.fromName() == null || reply.fromName().isBlank() ? reply.fromEmail() : reply.fromName() + " <" + reply.fromEmail() + ">";
    String title = "Reply received from " + who + (reply.sameCompanyColleague() ? " (a colleague of the contact)" : "")
        + (reply.subject() == null ? "" : ": " + reply.subject());
    Instant now = Instant.now();
    tasks.createDetached(new TaskOpen("reply-" + id, s.workflowId(), s.accountId(), s.accountName(), s.owner(), TaskType.REPLY_RECEIVED,
        title.length() > 300 ? title.substring(0, 297) + "..." : title,
        reply.excerpt() == null ? null : "They wrote: \"" + reply.excerpt() + "\"\nAnswer from your own mailbox; the sequence has been told.",
        contact, "reply", "A reply to the sequence's e-mail", s.score(), now.plus(Duration.ofDays(1)), now, OUTCOMES));
  }

  @Override
  public void away(Away away) {
    String reason = "out of office until " + away.until() + (away.stated() ? " (from their auto-reply)" : " (auto-reply gave no date)");
    for (SequenceRow sequence : sequences.runningForContactEmail(away.email())) {
      try {
        client.contactAway(sequence.workflowId(), new ContactAway(away.contactId(), away.until(), reason));
      } catch (SequenceClient.SequenceGone e) {
        // Ended meanwhile: nothing to hold.
      }
    }
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
