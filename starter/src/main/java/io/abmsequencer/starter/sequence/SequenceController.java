package io.abmsequencer.starter.sequence;

import io.abmsequencer.activities.sequence.Page;
import io.abmsequencer.activities.sequence.SequenceFilter;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.abmsequencer.starter.security.AbmUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/** Sequences: list with filters, read one, pause / resume / cancel. */
@RestController
@RequestMapping("/api/sequences")
class SequenceController {
  private final SequenceService sequences;

  SequenceController(SequenceService sequences) {
    this.sequences = sequences;
  }

  record ControlBody(String reason) {}

  @GetMapping
  Page<SequenceRow> list(
      @RequestParam(required = false) SequenceStatusCode status,
      @RequestParam(required = false) Motion motion,
      @RequestParam(required = false) Tier tier,
      @RequestParam(required = false) String playbook,
      @RequestParam(required = false) String owner,
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String launchId,
      @RequestParam(required = false) Integer minScore,
      @RequestParam(required = false) Integer maxScore,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @AuthenticationPrincipal AbmUser user) {
    SequenceFilter filter = SequenceFilter.all()
        .withStatus(status).withMotion(motion).withTier(tier).withPlaybookId(playbook).withOwner(owner)
        .withAccountId(accountId).withLaunchId(launchId).withScoreBetween(minScore, maxScore);
    return sequences.search(user, filter, page, size);
  }

  @GetMapping("/{workflowId}")
  SequenceService.Detail get(@PathVariable String workflowId, @AuthenticationPrincipal AbmUser user) {
    return sequences.detail(user, workflowId);
  }

  @PostMapping("/{workflowId}/pause")
  ResponseEntity<Map<String, String>> pause(@PathVariable String workflowId, @RequestBody(required = false) ControlBody body,
      @AuthenticationPrincipal AbmUser user) {
    sequences.pause(workflowId, user.getUsername(), body == null ? null : body.reason());
    return accepted(workflowId, "pause");
  }

  @PostMapping("/{workflowId}/resume")
  ResponseEntity<Map<String, String>> resume(@PathVariable String workflowId, @RequestBody(required = false) ControlBody body,
      @AuthenticationPrincipal AbmUser user) {
    sequences.resume(workflowId, user.getUsername(), body == null ? null : body.reason());
    return accepted(workflowId, "resume");
  }

  @PostMapping("/{workflowId}/cancel")
  ResponseEntity<Map<String, String>> cancel(@PathVariable String workflowId, @RequestBody(required = false) ControlBody body,
      @AuthenticationPrincipal AbmUser user) {
    sequences.cancel(workflowId, user.getUsername(), body == null ? null : body.reason());
    return accepted(workflowId, "cancel");
  }

  private static ResponseEntity<Map<String, String>> accepted(String workflowId, String action) {
    return ResponseEntity.accepted().body(Map.of("workflowId", workflowId, "requested", action));
  }
}
