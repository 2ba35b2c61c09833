package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;
import java.util.Map;

/**
 * What ops read about a sequence in the Temporal UI: the one-line summary, e.g. "New-logo 1:few for
 * Acme Corp — 14 touches over 12 months", and the memo.
 */
public final class Summaries {
  private Summaries() {}

  public static String of(Playbook playbook, Account account, Tier tier) {
    int touches = 0;
    for (Step step : playbook.steps()) if (!(step instanceof WaitStep)) touches++;
    long months = Math.max(1, Math.round(Timeline.spanDays(playbook) / 30.4));
    return playbook.motion().label() + " " + (tier == null ? playbook.tier() : tier).label() + " for " + account.name()
        + " — " + touches + " steps over " + months + " month" + (months == 1 ? "" : "s") + " (" + playbook.ref() + ")";
  }

  /**
   * The memo: account and playbook by name. Set at start and again on every continue-as-new, since
   * Temporal does not carry a memo over to the next run.
   */
  public static Map<String, Object> memo(Playbook playbook, Account account) {
    return Map.of("account", account.name(), "playbook", playbook.name());
  }
}
