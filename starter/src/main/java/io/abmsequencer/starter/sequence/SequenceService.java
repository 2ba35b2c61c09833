package io.abmsequencer.starter.sequence;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.reviews.ReviewInbox;
import io.abmsequencer.activities.reviews.ReviewRow;
import io.abmsequencer.activities.sequence.Page;
import io.abmsequencer.activities.sequence.SequenceFilter;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.starter.playbook.PlaybookService;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.AccountAccess;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.Control;
import io.abmsequencer.workflows.sequence.SequenceStatus;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;

/** Reading sequences (read model + live status) and pausing, resuming, cancelling. */
@Service
public class SequenceService {
  private final SequenceClient client;
  private final PlaybookService playbooks;
  private final SequenceRepository sequences;
  private final TouchQueries ledger;
  private final TaskInbox tasks;
  private final ReviewInbox reviews;

  public SequenceService(SequenceClient client, PlaybookService playbooks, SequenceRepository sequences, TouchQueries ledger,
      TaskInbox tasks, ReviewInbox reviews) {
    this.client = client;
    this.playbooks = playbooks;
    this.sequences = sequences;
    this.ledger = ledger;
    this.tasks = tasks;
    this.reviews = reviews;
  }

  /** One page of the sequences {@code user} may see that match the filter: an SDR's own, whatever owner the filter names. */
  public Page<SequenceRow> search(AbmUser user, SequenceFilter filter, int page, int size) {
    if (page < 0) throw ApiException.invalidField("page", "must be 0 or more");
    if (size < 1 || size > 500) throw ApiException.invalidField("size", "must be from 1 to 500");
    return sequences.search(filter.withOwner(AccountAccess.ownerScope(user, filter.owner())), page, size);
  }

  /**
   * Everything about one sequence: its row, live status, committee, touches, tasks and reviews, and
   * what it waits on that the live status cannot see ({@link Waiting}: touches Temporal is retrying,
   * ad-audience changes still queued for their platform).
   */
  public record Detail(
      SequenceRow sequence, SequenceStatus live, List<Contact> contacts, List<TouchRow> touches, List<TaskRow> tasks,
      List<ReviewRow> reviews, String note, List<Waiting> waitingOn) {

    public Detail {
      waitingOn = waitingOn == null ? List.of() : List.copyOf(waitingOn);
    }

    /** Waiting on nothing. */
    public Detail(
        SequenceRow sequence, SequenceStatus live, List<Contact> contacts, List<TouchRow> touches, List<TaskRow> tasks,
        List<ReviewRow> reviews, String note) {
      this(sequence, live, contacts, touches, tasks, reviews, note, List.of());
    }
  }

  /**
   * One sequence in full, for someone who may read it.
   *
   * @throws ApiException 404 for an unknown sequence, and the same 404 for one {@code user} may not
   *     read ({@link AccountAccess}), before anything else about it is looked up
   */
  public Detail detail(AbmUser user, String workflowId) {
    SequenceRow row = sequences.find(workflowId)
        .filter(r -> AccountAccess.mayRead(user, r.owner()))
        .orElseThrow(() -> ApiException.notFound("No sequence " + workflowId));
    SequenceStatus live = client.status(workflowId).orElse(null);
    String note = live == null && row.status() != SequenceStatusCode.EXITED
        ? "Temporal no longer knows this sequence (lost with the in-memory Temporal of an earlier run, or removed from Temporal); showing the last recorded state"
        : null;
    List<TouchRow> touches = ledger.forWorkflow(workflowId);
    List<Waiting> waiting = live == null ? List.of() : waitingOn(workflowId, touches);
    return new Detail(row, live, sequences.contacts(workflowId), touches, tasks.forWorkflow(workflowId),
        reviews.forWorkflow(workflowId), note, waiting);
  }

  /**
   * Temporal's pending activities, then the ad-audience changes the activity queued that no platform
   * has taken yet (their ledger rows are still SENDING; the row's detail says what waits and why).
   */
  private List<Waiting> waitingOn(String workflowId, List<TouchRow> touches) {
    List<Waiting> waiting = new ArrayList<>(client.waitingOn(workflowId));
    boolean adsActivityPending = waiting.stream().anyMatch(w -> "ADS".equals(w.channel()));
    if (!adsActivityPending) {
      for (TouchRow t : touches) {
        if (t.channel() == Channel.ADS && TouchRow.SENDING.equals(t.status())) {
          waiting.add(Waiting.queuedAudienceChange("Ad audience change: " + t.subject(), t.detail(), t.createdAt()));
        }
      }
    }
    return waiting;
  }

  public void pause(String workflowId, String by, String reason) {
    control(workflowId, by, reason, client::pause);
  }

  public void resume(String workflowId, String by, String reason) {
    control(workflowId, by, reason, client::resume);
  }

  public void cancel(String workflowId, String by, String reason) {
    control(workflowId, by, reason, client::cancel);
  }

  private void control(String workflowId, String by, String reason, BiConsumer<String, Control> action) {
    SequenceRow row = sequences.find(workflowId).orElseThrow(() -> ApiException.notFound("No sequence " + workflowId));
    if (row.status() == SequenceStatusCode.EXITED) {
      throw ApiException.conflict("Sequence " + workflowId + " has ended (" + row.exitReason() + ")");
    }
    try {
      action.accept(workflowId, new Control(by, reason));
    } catch (SequenceClient.SequenceGone e) {
      throw ApiException.conflict("Sequence " + workflowId + " is not running");
    }
  }
}
