package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.ads.AudienceMembers;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.workflows.sequence.OptOut;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Consent in one place: an opt-out (unsubscribe, bounce, complaint, manual) is recorded on the
 * suppression list first — from then on every channel refuses to send to the address — the person
 * leaves every ad audience, and every running sequence that targets them is told, so it stops
 * planning touches for them.
 */
@Service
public class ConsentService {

  /** @param added false when the address was already suppressed */
  public record OptedOut(String email, boolean added, List<String> sequencesTold) {}

  private final SuppressionList suppressions;
  private final SuppressionAudit audit;
  private final SequenceRepository sequences;
  private final SequenceClient client;
  private final AudienceMembers audiences;

  public ConsentService(SuppressionList suppressions, SequenceRepository sequences, SequenceClient client, AudienceMembers audiences,
      SuppressionAudit audit) {
    this.audit = audit;
    this.suppressions = suppressions;
    this.sequences = sequences;
    this.client = client;
    this.audiences = audiences;
  }

  /**
   * Suppresses the e-mail address, takes the person out of every ad audience and tells the running
   * sequences that target them. All of it runs every time, and each part is harmless to repeat: an
   * address already suppressed stays as it was, a person already out of the audiences stays out, and
   * a sequence that already knows ignores the signal. So a repeated opt-out (a second click on the
   * link, a replayed webhook, a person asking again) repairs a first one that failed part-way — an
   * audience removal that threw, a sequence the signal never reached, one launched since. Only the
   * {@link SuppressionAudit audit line} depends on whether this call added the address: it says who
   * added it ({@code by}: a user, {@code recipient} or {@code bounce}) and how many sequences were told.
   */
  public OptedOut optOutEmail(String email, SuppressionReason reason, String detail, String by) {
    String address = SuppressionList.normalize(Channel.EMAIL, email);
    boolean added = suppressions.suppress(Channel.EMAIL, address, reason, detail, by);
    // No more ads at someone who opted out: out of every audience, on every platform.
    audiences.removeContactEverywhere(address);
    // One that ended meanwhile needs nothing: the suppression list protects the address everywhere. One not
    // reached: recorded already, and checked before every send, a missed signal only delays the sequence noticing.
    OptOut optOut = new OptOut(ContactIds.of(address), "EMAIL", reason.name());
    List<String> told = client.signalEach("opt-out", sequences.runningForContactEmail(address), SequenceRow::workflowId,
        (s, row) -> s.optOut(optOut)).told();
    // After the sequences were told, not in one transaction with the list: telling them signals
    // Temporal, which must not hold a database transaction open.
    if (added) audit.record(Channel.EMAIL, address, SuppressionAudit.Action.ADDED, reason.name(), detail, told.size(), by);
    return new OptedOut(address, added, told);
  }

  /** The e-mail address of a contact id, from the committees the sequences recorded; null when unknown. */
  public String emailOf(String contactId) {
    return sequences.emailOfContact(contactId).orElse(null);
  }
}
