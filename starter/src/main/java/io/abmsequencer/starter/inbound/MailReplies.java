package io.abmsequencer.starter.inbound;

import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.starter.engagement.EngagementService;
import io.abmsequencer.starter.target.ContactRules;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.suppression.ConsentService;
import io.abmsequencer.starter.tasks.DetachedTaskOutcomes;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.account.Contact;
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
 * the sequence when the playbook says so — and lands in the owner's inbox as a task; a possible
 * reply (no proof it is one) only puts a task in the owner's inbox, and counts as a reply once they
 * complete it; an out-of-office holds that one contact until they are back. All idempotent by the
 * message.
 */
@Component
class MailReplies implements InboundActions, DetachedTaskOutcomes {
  private static final Logger log = LoggerFactory.getLogger(MailReplies.class);
  private static final List<TaskOutcome> OUTCOMES = List.of(TaskOutcome.COMPLETED, TaskOutcome.MEETING_BOOKED, TaskOutcome.DISQUALIFIED, TaskOutcome.SKIPPED);
  /** The step id of a possible reply's task: completed, it is a reply; skipped, it is not. */
  static final String POSSIBLE_REPLY = "possible-reply";
  private static final List<TaskOutcome> CONFIRM_OUTCOMES = List.of(TaskOutcome.COMPLETED, TaskOutcome.SKIPPED);

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
    engagement.receive(replyEvent(id, reply.accountId(), reply.fromEmail(), reply.receivedAt() == null ? Instant.now() : reply.receivedAt()));
    Optional<SequenceRow> sequence = sequences.find(reply.workflowId());
    if (sequence.isEmpty()) return;
    String title = "Reply received from " + who(reply) + (reply.sameCompanyColleague() ? " (a colleague of the contact)" : "")
        + (reply.subject() == null ? "" : ": " + reply.subject());
    String instructions = reply.excerpt() == null ? null
        : "They wrote: \"" + reply.excerpt() + "\"\nAnswer from your own mailbox; the sequence has been told.";
    task(sequence.get(), reply, "reply-" + id, title, instructions, "reply", "A reply to the sequence's e-mail", OUTCOMES);
  }

  /**
   * Only a task: the sequence hears of it when the owner completes the task ({@link #closing}). The
   * task keeps what the confirmation needs: the contact, the account and, in its id, the message.
   */
  @Override
  public void possibleReply(Reply reply) {
    Optional<SequenceRow> sequence = sequences.find(reply.workflowId());
    if (sequence.isEmpty()) return;
    String title = "Possible reply from " + who(reply) + " — confirm it is a reply" + (reply.subject() == null ? "" : ": " + reply.subject());
    String instructions = (reply.excerpt() == null ? "" : "The message says: \"" + reply.excerpt() + "\"\n")
        + "It names none of the sequence's e-mails (no In-Reply-To or References of ours) and its sender is not authenticated,"
        + " so anyone could have sent it in this contact's name. Check it in the reply mailbox or with the contact."
        + " Complete this task if it is their reply: the sequence is then told, as for any reply, and may end."
        + " Skip it if it is not: nothing changes.";
    task(sequence.get(), reply, POSSIBLE_REPLY + "-" + digest(reply.messageId()), title, instructions, POSSIBLE_REPLY,
        "An unconfirmed reply: no thread headers, unauthenticated sender", CONFIRM_OUTCOMES);
  }

  /** A possible reply confirmed: the reply it would have been, idempotent by the same event id. */
  @Override
  public void closing(TaskRow task, TaskOutcome outcome) {
    if (!POSSIBLE_REPLY.equals(task.stepId()) || outcome != TaskOutcome.COMPLETED) return;
    String id = task.taskId().substring(POSSIBLE_REPLY.length() + 1);
    engagement.receive(replyEvent(id, task.accountId(), task.contactEmail(), task.createdAt()));
    log.info("Possible reply {} confirmed as a reply for account {}", task.taskId(), task.accountId());
  }

  private static EngagementService.Event replyEvent(String id, String accountId, String email, Instant at) {
    return new EngagementService.Event("reply-" + id, accountId, acceptedEmail(email), "EMAIL_REPLY", at);
  }

  private void task(SequenceRow s, Reply reply, String taskId, String title, String instructions, String stepId, String reason,
      List<TaskOutcome> outcomes) {
    Contact contact = sequences.contacts(s.workflowId()).stream().filter(c -> c.id().equals(reply.contactId())).findFirst().orElse(null);
    Instant now = Instant.now();
    tasks.createDetached(new TaskOpen(taskId, s.workflowId(), s.accountId(), s.accountName(), s.owner(), TaskType.REPLY_RECEIVED,
        title.length() > 300 ? title.substring(0, 297) + "..." : title, instructions, contact, stepId, reason, s.score(),
        now.plus(Duration.ofDays(1)), now, outcomes));
  }

  private static String who(Reply reply) {
    return reply.fromName() == null || reply.fromName().isBlank() ? reply.fromEmail() : reply.fromName() + " <" + reply.fromEmail() + ">";
  }

  @Override
  public void away(Away away) {
    String reason = "out of office until " + away.until() + (away.stated() ? " (from their auto-reply)" : " (auto-reply gave no date)");
    ContactAway signal = new ContactAway(away.contactId(), away.until(), reason);
    // One that ended meanwhile has nothing to hold.
    client.signalEach("out-of-office", sequences.runningForContactEmail(away.email()), SequenceRow::workflowId, (s, row) -> s.contactAway(signal))
        .orThrow();
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
