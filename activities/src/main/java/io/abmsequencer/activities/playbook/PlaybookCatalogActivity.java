package io.abmsequencer.activities.playbook;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.workflows.channels.PlaybookCatalog;
import io.abmsequencer.workflows.channels.PlaybookLookup;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookValidationException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds stored playbooks for a running sequence (tier change, closed-won handover). */
@WorkerSide
@Component("playbookCatalog")
public class PlaybookCatalogActivity implements PlaybookCatalog {
  private final PlaybookStore store;

  public PlaybookCatalogActivity(PlaybookStore store) {
    this.store = store;
  }

  /**
   * By id when set; else, or when that id is not stored, by motion and tier when both are set. Null
   * when nothing matches. A stored YAML the parser now refuses is a non-retryable {@code
   * PlaybookInvalid}: retrying cannot fix it.
   */
  @Override
  public Playbook find(PlaybookLookup lookup) {
    Optional<StoredPlaybook> found = Optional.empty();
    if (lookup.playbookId() != null) found = store.latest(lookup.playbookId());
    if (found.isEmpty() && lookup.motion() != null && lookup.tier() != null) {
      found = store.latestFor(lookup.motion(), lookup.tier());
    }
    if (found.isEmpty()) return null;
    try {
      return found.get().playbook();
    } catch (PlaybookValidationException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "stored playbook " + found.get().ref() + " no longer parses: " + e.getMessage(), "PlaybookInvalid");
    }
  }
}
