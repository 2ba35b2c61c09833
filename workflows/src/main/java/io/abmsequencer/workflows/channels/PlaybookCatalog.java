package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.playbook.Playbook;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Looks up stored playbooks for a tier change or a closed-won handover. */
@ActivityInterface
public interface PlaybookCatalog {

  /**
   * The latest version of the playbook named by id, or else of the most recently uploaded playbook
   * for the motion and tier; null when there is none.
   */
  @ActivityMethod(name = "FindPlaybook")
  Playbook find(PlaybookLookup lookup);
}
