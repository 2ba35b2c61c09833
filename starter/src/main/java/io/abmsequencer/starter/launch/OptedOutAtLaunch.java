package io.abmsequencer.starter.launch;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.OptOut;
import io.abmsequencer.workflows.sequence.SequenceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The suppression list, handed to a sequence as it starts: a person suppressed before the launch is
 * known as opted out before the first step, so the sequence opens no call or LinkedIn task about them
 * (the channels already refuse to mail or text them), exactly as if they had opted out while it ran.
 * Two queries per launch, whatever the size of the committee. A list refresh that adds people to a
 * running sequence tells it the same way.
 */
@Component
public class OptedOutAtLaunch {
  static final String REASON = "SUPPRESSED";

  private final SuppressionList suppressions;

  OptedOutAtLaunch(SuppressionList suppressions) {
    this.suppressions = suppressions;
  }

  /** The input with every suppressed member of its committee marked opted out on that channel. */
  public SequenceInput apply(SequenceInput input) {
    List<OptOut> out = among(input.contacts());
    return out.isEmpty() ? input : input.withOptedOut(out);
  }

  /** The suppressed among {@code committee}, as opt-outs (channel EMAIL, SMS or ALL). */
  public List<OptOut> among(List<Contact> committee) {
    Set<String> emails = suppressions.suppressedAmong(Channel.EMAIL, committee.stream().map(Contact::email).toList());
    Set<String> phones = suppressions.suppressedAmong(Channel.SMS,
        committee.stream().map(Contact::phone).filter(Objects::nonNull).filter(p -> !p.isBlank()).toList());
    if (emails.isEmpty() && phones.isEmpty()) return List.of();
    List<OptOut> out = new ArrayList<>();
    for (Contact c : committee) {
      boolean email = c.email() != null && emails.contains(SuppressionList.normalize(Channel.EMAIL, c.email()));
      boolean sms = c.phone() != null && phones.contains(SuppressionList.normalize(Channel.SMS, c.phone()));
      if (email || sms) out.add(new OptOut(c.id(), email && sms ? "ALL" : email ? "EMAIL" : "SMS", REASON));
    }
    return out;
  }
}
