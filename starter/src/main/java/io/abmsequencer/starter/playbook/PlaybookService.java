package io.abmsequencer.starter.playbook;

import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.activities.playbook.PlaybookSummary;
import io.abmsequencer.activities.playbook.StoredPlaybook;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FieldProblem;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.PlaybookValidationException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Upload (validate, then store a new version), list and look up playbooks. */
@Service
public class PlaybookService {
  private final PlaybookStore store;

  public PlaybookService(PlaybookStore store) {
    this.store = store;
  }

  /**
   * Validates the whole playbook and stores it as the next version of its id.
   *
   * @throws ApiException 400 listing every problem with its line and path; nothing is stored
   */
  public StoredPlaybook upload(String yaml, String uploadedBy) {
    Playbook parsed;
    try {
      parsed = PlaybookParser.parse(yaml);
    } catch (PlaybookValidationException e) {
      throw invalid(e);
    }
    return store.save(yaml, parsed, uploadedBy);
  }

  public List<PlaybookSummary> list() {
    return store.list();
  }

  /** The given version, or the latest when {@code version} is null. */
  public StoredPlaybook get(String id, Integer version) {
    return (version == null ? store.latest(id) : store.get(id, version))
        .orElseThrow(() -> ApiException.notFound(version == null
            ? "No playbook '" + id + "'"
            : "No version " + version + " of playbook '" + id + "'"));
  }

  public static ApiException invalid(PlaybookValidationException e) {
    List<FieldProblem> errors = e.problems().stream().map(p -> FieldProblem.line(p.line(), p.column(), p.path(), p.message())).toList();
    String detail = "The playbook has " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s")
        + "; the first: " + e.problems().get(0);
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid playbook", detail, errors);
  }

}
