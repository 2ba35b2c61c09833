package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.sms.SmsOptOuts;
import io.abmsequencer.workflows.sequence.OptOut;
import org.springframework.stereotype.Component;

/**
 * STOP by text message is a full opt-out of the person: no more texts to the number, no more
 * e-mail to them (someone who texts STOP to a sales sequence means "leave me alone", not "use
 * another channel"), out of every ad audience, and every running sequence is told. START lifts the
 * text-message block only; e-mail stays suppressed until they ask for it another way.
 */
@Component
class TextOptOuts implements SmsOptOuts {

  private static final String STOP = "STOP by text message";

  private final SuppressionList suppressions;
  private final ConsentService consent;
  private final SequenceRepository sequences;
  private final SequenceClient client;
  private final SuppressionAudit audit;

  TextOptOuts(SuppressionList suppressions, ConsentService consent, SequenceRepository sequences, SequenceClient client,
      SuppressionAudit audit) {
    this.suppressions = suppressions;
    this.consent = consent;
    this.sequences = sequences;
    this.client = client;
    this.audit = audit;
  }

  /**
   * Everything runs every time, and each part is harmless to repeat: a STOP repeated (or a replayed
   * webhook) finds the suppressions in place and tells the sequences what they already know (they
   * ignore it), but repairs a first STOP that failed part-way — a sequence the signal never reached,
   * an address not yet suppressed. Only the audit lines depend on whether this STOP added something.
   */
  @Override
  public void stopped(String e164) {
    boolean added = suppressions.suppress(Channel.SMS, e164, SuppressionReason.SMS_STOP, STOP, "recipient");
    for (String email : sequences.emailsOfPhone(e164)) {
      consent.optOutEmail(email, SuppressionReason.UNSUBSCRIBED, STOP, "recipient");
    }
    // One that ended meanwhile, or could not be told: the suppression list still protects the number and the address.
    int told = client.signalEach("opt-out by text", sequences.runningForContactPhone(e164), SequenceRepository.ContactInSequence::workflowId,
        (s, c) -> s.optOut(new OptOut(c.contactId(), "ALL", SuppressionReason.SMS_STOP.name()))).told().size();
    if (added) audit.record(Channel.SMS, e164, SuppressionAudit.Action.ADDED, SuppressionReason.SMS_STOP.name(), STOP, told, "recipient");
  }

  /** Lifts the text-message block a STOP put there (a manual one, or a bounce, stays), audited. */
  @Override
  public void started(String e164) {
    suppressions.liftAndAudit(Channel.SMS, e164, SuppressionReason.SMS_STOP, "START by text message", "recipient");
  }
}
