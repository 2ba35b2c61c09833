package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.target.LaunchRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.abmsequencer.starter.security.AbmUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/** Launching one account, and the bulk launch of a target account list (CSV) and its progress. */
@RestController
class LaunchController {
  private final LaunchService launches;

  LaunchController(LaunchService launches) {
    this.launches = launches;
  }

  record Launched(String workflowId) {}

  /** {@code POST /api/sequences}: one account and its buying committee; 400 names every invalid field. */
  @PostMapping("/api/sequences")
  ResponseEntity<Launched> launchOne(@RequestBody LaunchRequest request, @AuthenticationPrincipal AbmUser user) {
    String workflowId = launches.launchOne(request, user.getUsername());
    return ResponseEntity.created(URI.create("/api/sequences/" + workflowId)).body(new Launched(workflowId));
  }

  /**
   * {@code POST /api/launches?playbook=<id>} or {@code ?playbook.ONE_TO_ONE=<id>&...}, body {@code text/csv}.
   * 400 lists every bad row and nothing starts; 202 returns the launch id to follow.
   */
  @PostMapping(value = "/api/launches", consumes = {"text/csv", "application/csv", "text/plain"})
  ResponseEntity<LaunchService.Accepted> launch(@RequestParam Map<String, String> params, InputStream body,
      @AuthenticationPrincipal AbmUser user) throws IOException {
    LaunchService.PlaybookChoice choice = launches.choose(params);
    LaunchService.Accepted accepted = launches.launch(body, choice, user.getUsername());
    return ResponseEntity.accepted().location(URI.create("/api/launches/" + accepted.launchId())).body(accepted);
  }

  @GetMapping("/api/launches/{launchId}")
  Map<String, Object> progress(@PathVariable String launchId) {
    return launches.progress(launchId);
  }
}
