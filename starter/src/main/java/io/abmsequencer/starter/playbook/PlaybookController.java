package io.abmsequencer.starter.playbook;

import io.abmsequencer.activities.playbook.PlaybookSummary;
import io.abmsequencer.activities.playbook.StoredPlaybook;
import java.net.URI;
import java.time.Instant;
import java.util.List;
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

/** Playbooks: upload YAML (a new version each time), list, read, preview. */
@RestController
@RequestMapping("/api/playbooks")
class PlaybookController {
  private final PlaybookService playbooks;

  PlaybookController(PlaybookService playbooks) {
    this.playbooks = playbooks;
  }

  record Uploaded(String id, int version, String name, String motion, String tier, Instant uploadedAt) {}

  record Detail(String id, int version, String name, String motion, String tier, Instant uploadedAt, String uploadedBy, String yaml) {}

  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"})
  ResponseEntity<Uploaded> upload(@RequestBody(required = false) String yaml,
      @AuthenticationPrincipal AbmUser user) {
    StoredPlaybook stored = playbooks.upload(yaml, user.getUsername());
    return ResponseEntity.created(URI.create("/api/playbooks/" + stored.id() + "?version=" + stored.version()))
        .body(new Uploaded(stored.id(), stored.version(), stored.name(), stored.motion().name(), stored.tier().name(), stored.uploadedAt()));
  }

  @GetMapping
  List<PlaybookSummary> list() {
    return playbooks.list();
  }

  @GetMapping("/{id}")
  Detail get(@PathVariable String id, @RequestParam(required = false) Integer version) {
    StoredPlaybook p = playbooks.get(id, version);
    return new Detail(p.id(), p.version(), p.name(), p.motion().name(), p.tier().name(), p.uploadedAt(), p.uploadedBy(), p.yaml());
  }

  @PostMapping("/{id}/preview")
  Preview.Result preview(@PathVariable String id, @RequestParam(required = false) Integer version,
      @RequestBody(required = false) Preview.Request request) {
    return Preview.of(playbooks.get(id, version).playbook(), request);
  }
}
