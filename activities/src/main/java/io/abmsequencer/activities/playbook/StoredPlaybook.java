package io.abmsequencer.activities.playbook;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;

/** One uploaded version of a playbook; the YAML is the source of truth. */
public record StoredPlaybook(
    String id,
    int version,
    String name,
    Motion motion,
    Tier tier,
    String yaml,
    Instant uploadedAt,
    String uploadedBy) {

  /**
   * The model, parsed from the stored YAML and stamped with this version. Rules added for uploads
   * since this version was stored do not refuse it ({@link PlaybookParser#parseStored}).
   *
   * @throws io.abmsequencer.workflows.playbook.PlaybookValidationException if the parser no longer
   *     accepts what it accepted at upload
   */
  public Playbook playbook() {
    return PlaybookParser.parseStored(yaml).withVersion(version);
  }

  /** {@code id@version}, as shown to ops. */
  public String ref() {
    return id + "@" + version;
  }
}
