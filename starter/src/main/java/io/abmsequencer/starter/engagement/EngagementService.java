package io.abmsequencer.starter.engagement;

import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.starter.target.AccountRules;
import io.abmsequencer.starter.target.ContactRules;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FieldProblem;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.sequence.AccountStage;
import io.abmsequencer.workflows.sequence.StageChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Engagement and CRM stage changes arriving from outside, validated, stored once, passed on. */
@Service
public class EngagementService {
  private static final Logger log = LoggerFactory.getLogger(EngagementService.class);
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._/-]{0,199}");

  /** {@code POST /api/engagement}. */
  public record Event(String eventId, String accountId, String contactEmail, String type, Instant occurredAt) {}

  public record Received(String eventId, boolean duplicate, boolean deliveredNow) {}

  public record StageRecorded(String accountId, AccountStage stage, List<String> sequences) {}

  private final EngagementEvents events;
  private final EngagementDelivery delivery;
  private final SequenceRepository sequences;
  private final SequenceClient client;
  private final JdbcClient jdbc;

  public EngagementService(EngagementEvents events, EngagementDelivery delivery, SequenceRepository sequences,
      SequenceClient client, JdbcClient jdbc) {
    this.events = events;
    this.delivery = delivery;
    this.sequences = sequences;
    this.client = client;
    this.jdbc = jdbc;
  }

  /**
   * Stores the event (idempotent by event id). High-intent events (demo request, meeting, reply)
   * reach the account's sequences at once; the rest go with the next coalesced batch.
   */
  public Received receive(Event event) {
    EngagementType type = validate(event);
    boolean stored = events.insert(event.eventId(), event.accountId().trim(),
        event.contactEmail() == null || event.contactEmail().isBlank() ? null : event.contactEmail().trim(), type, event.occurredAt());
    boolean now = false;
    if (stored && type.highIntent()) {
      try {
        delivery.deliver(event.accountId().trim());
        now = true;
      } catch (RuntimeException e) {
        // Stored: the scheduled flush delivers it.
        log.warn("High-intent event {} stored; immediate delivery failed ({}), the next flush retries", event.eventId(), e.getMessage());
      }
    }
    return new Received(event.eventId(), !stored, now);
  }

  /** Records a CRM stage change and tells the account's running sequences. */
  public StageRecorded stage(String accountId, String stageText, String by) {
    try {
      AccountRules.normaliseAccountId(accountId);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("accountId", e.getMessage());
    }
    if (stageText == null || stageText.isBlank()) {
      throw ApiException.invalidField("stage", "required: one of " + java.util.Arrays.toString(AccountStage.values()));
    }
    AccountStage stage;
    try {
      stage = AccountStage.valueOf(stageText.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("stage", "unknown stage '" + stageText + "'; expected one of " + java.util.Arrays.toString(AccountStage.values()));
    }
    Instant now = Instant.now();
    jdbc.sql("insert into account_stages (account_id, stage, changed_at, changed_by) values (:a, :s, :t, :b)")
        .param("a", accountId).param("s", stage.name()).param("t", java.sql.Timestamp.from(now)).param("b", by).update();
    StageChange change = new StageChange(stage, now);
    List<String> told = client.signalEach("stage " + stage, sequences.runningForAccount(accountId), SequenceRow::workflowId,
        (s, row) -> s.stageChanged(change)).orThrow().told();
    return new StageRecorded(accountId, stage, told);
  }

  /** Records the rule's complaint about a field, if it has one. */
  private static void rule(Map<String, String> errors, String field, Runnable rule) {
    try {
      rule.run();
    } catch (IllegalArgumentException e) {
      errors.put(field, e.getMessage());
    }
  }

  private static EngagementType validate(Event event) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (event == null) throw ApiException.badRequest("The request needs a JSON body: {eventId, accountId, contactEmail?, type, occurredAt}");
    if (event.eventId() == null || !EVENT_ID.matcher(event.eventId()).matches()) {
      errors.put("eventId", "required: 1-200 letters, digits and : . _ / - (your system's unique id for the event)");
    }
    if (event.accountId() == null || event.accountId().isBlank()) {
      errors.put("accountId", "required");
    } else {
      rule(errors, "accountId", () -> AccountRules.normaliseAccountId(event.accountId()));
    }
    if (event.contactEmail() != null && !event.contactEmail().isBlank()) {
      rule(errors, "contactEmail", () -> ContactRules.normaliseEmail(event.contactEmail()));
    }
    EngagementType type = null;
    if (event.type() == null) {
      errors.put("type", "required: one of " + java.util.Arrays.toString(EngagementType.values()));
    } else {
      try {
        type = EngagementType.valueOf(event.type().trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.put("type", "unknown type '" + event.type() + "'; expected one of " + java.util.Arrays.toString(EngagementType.values()));
      }
    }
    if (event.occurredAt() == null) {
      errors.put("occurredAt", "required: an ISO-8601 instant like 2027-01-12T15:04:05Z");
    } else if (event.occurredAt().isAfter(Instant.now().plus(Duration.ofHours(1)))) {
      errors.put("occurredAt", "is in the future: " + event.occurredAt());
    } else if (event.occurredAt().isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
      errors.put("occurredAt", "is before 2000 (" + event.occurredAt() + "); send an ISO-8601 instant like 2027-01-12T15:04:05Z");
    }
    if (!errors.isEmpty()) {
      List<FieldProblem> problems = new ArrayList<>();
      errors.forEach((field, message) -> problems.add(FieldProblem.field(field, message)));
      throw ApiException.invalid("Invalid engagement event", problems);
    }
    return type;
  }
}
