package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;

/** The one-line summary ops read in the Temporal UI, e.g. "New-logo 1:few for Acme Corp — 14 touches over 12 months". */
public final class Summaries {
  private Summaries() {}

  public static String of(Playbook playbook, Account account, Tier tier) {
    int touches = 0;
    for (Step step : playbook.steps()) if (!(step instanceof WaitStep)) touches++;
    long months = Math.max(1, Math.round(Timeline.spanDays(playbook) / 30.4));
    return playbook.motion().label() + " " + (tier == null ? playbook.tier() : tier).label() + " for " + account.name()
        + " — " + touches + " steps over " + months + " month" + (months == 1 ? "" : "s") + " (" + playbook.ref() + ")";
  }
}
