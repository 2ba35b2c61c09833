package io.abmsequencer.starter.engagement;

import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.PlaybookValidationException;
import io.abmsequencer.workflows.playbook.Scoring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * An account's engagement as the people working it need it: the latest events with the points each
 * earned under the sequence's own playbook weights, the current score, and the points gained per
 * week (the reviewers' trend).
 */
@Service
public class AccountEngagement {

  /** One event. @param points what it added to the score under the sequence's playbook */
  public record Event(EngagementType type, Instant at, String contactEmail, int points) {}

  /** The account's score now (the sequence's) and its latest events, newest first. */
  public record Recent(int score, List<Event> events) {}

  private final EngagementQueries queries;
  private final SequenceRepository sequences;
  private final PlaybookStore playbooks;
  /** A playbook version never changes once stored, so its weights can be kept. */
  private final Map<String, Scoring> scoringByVersion = new ConcurrentHashMap<>();

  AccountEngagement(EngagementQueries queries, SequenceRepository sequences, PlaybookStore playbooks) {
    this.queries = queries;
    this.sequences = sequences;
    this.playbooks = playbooks;
  }

  /** The latest {@code limit} events of the account, scored with the weights of the sequence's playbook. */
  public Recent recent(String workflowId, String accountId, int fallbackScore, int limit) {
    Optional<SequenceRow> sequence = sequences.find(workflowId);
    Scoring scoring = sequence.map(this::scoring).orElse(Scoring.defaults());
    List<Event> events = queries.recent(accountId, null, limit).stream()
        .map(r -> new Event(r.type(), r.at(), r.contactEmail(), scoring.weight(r.type())))
        .toList();
    return new Recent(sequence.map(SequenceRow::score).orElse(fallbackScore), events);
  }

  /** Points gained in each of the last {@code weeks} weeks, oldest first (the last entry is the past seven days). */
  public List<Integer> weeklyPoints(String workflowId, String accountId, int weeks) {
    Scoring scoring = sequences.find(workflowId).map(this::scoring).orElse(Scoring.defaults());
    List<Integer> points = new ArrayList<>(Collections.nCopies(weeks, 0));
    for (EngagementQueries.WeekCount w : queries.weekly(accountId, Instant.now(), weeks)) {
      if (w.weeksAgo() < 0 || w.weeksAgo() >= weeks) continue;
      int index = weeks - 1 - w.weeksAgo();
      points.set(index, points.get(index) + w.count() * scoring.weight(w.type()));
    }
    return points;
  }

  /** The account's replies (EMAIL_REPLY events), newest first. */
  public List<Event> replies(String accountId, int limit) {
    return queries.recent(accountId, EngagementType.EMAIL_REPLY, limit).stream()
        .map(r -> new Event(r.type(), r.at(), r.contactEmail(), 0))
        .toList();
  }

  private Scoring scoring(SequenceRow sequence) {
    String ref = sequence.playbookId() + "@" + sequence.playbookVersion();
    return scoringByVersion.computeIfAbsent(ref, key -> {
      try {
        return playbooks.get(sequence.playbookId(), sequence.playbookVersion())
            .map(p -> p.playbook().scoring())
            .orElse(Scoring.defaults());
      } catch (PlaybookValidationException e) {
        // A stored version this parser no longer reads: the default weights are a fair picture.
        return Scoring.defaults();
      }
    });
  }
}
