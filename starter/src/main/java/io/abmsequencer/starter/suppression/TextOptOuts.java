package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.sms.SmsOptOuts;
import io.abmsequencer.workflows.sequence.OptOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * STOP by text message is a full opt-out of the person: no more texts to the number, no more
 * e-mail to them (someone who texts STOP to a sales sequence means "leave me alone", not "use
 * another channel"), out of every ad audience, and every running sequence is told. START lifts the
 * text-message block only; e-mail stays suppressed until they ask for it another way.
 */
@Component
class TextOptOuts implements SmsOptOuts {
  private static final Logger log = LoggerFactory.getLogger(TextOptOuts.class);

  private final SuppressionList suppressions;
  private final ConsentService consent;
  private final SequenceRepository sequences;
  private final SequenceClient client;

  TextOptOuts(SuppressionList suppressions, ConsentService consent, SequenceRepository sequences, SequenceClient client) {
    this.suppressions = suppressions;
    this.consent = consent;
    this.sequences = sequences;
    this.client = client;
  }

  @Override
  public void stopped(String e164) {
    boolean added = suppressions.suppress(Channel.SMS, e164, SuppressionReason.SMS_STOP, "STOP by text message", "recipient");
    for (String email : sequences.emailsOfPhone(e164)) {
      added |= consent.optOutEmail(email, SuppressionReason.UNSUBSCRIBED, "STOP by text message", "recipient").added();
    }
    // A STOP repeated (or a replayed webhook): everything was recorded, and the sequences told, the first time.
    if (!added) return;
    for (SequenceRepository.ContactInSequence c : sequences.runningForContactPhone(e164)) {
      try {
        client.optOut(c.workflowId(), new OptOut(c.contactId(), "ALL", SuppressionReason.SMS_STOP.name()));
      } catch (SequenceClient.SequenceGone e) {
        // Ended meanwhile: the suppression list still protects the number and the address.
      } catch (RuntimeException e) {
        log.warn("Opt-out by text recorded; telling {} failed: {}", c.workflowId(), e.getMessage());
      }
    }
  }

  @Override
  public void started(String e164) {
    suppressions.find(Channel.SMS, e164)
        .filter(s -> s.reason() == SuppressionReason.SMS_STOP)
        .ifPresent(s -> suppressions.lift(Channel.SMS, e164));
  }
}
