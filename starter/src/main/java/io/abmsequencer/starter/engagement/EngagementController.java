package io.abmsequencer.starter.engagement;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import io.abmsequencer.starter.security.AbmUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/** Engagement events and CRM stage changes from outside systems. */
@RestController
class EngagementController {
  private final EngagementService engagement;

  EngagementController(EngagementService engagement) {
    this.engagement = engagement;
  }

  record StageBody(String stage) {}

  /** 202 whether new or a repeat of an event id already stored (idempotent). */
  @PostMapping("/api/engagement")
  ResponseEntity<EngagementService.Received> event(@RequestBody EngagementService.Event event) {
    return ResponseEntity.accepted().body(engagement.receive(event));
  }

  @PostMapping("/api/accounts/{accountId}/stage")
  ResponseEntity<EngagementService.StageRecorded> stage(@PathVariable String accountId, @RequestBody StageBody body,
      @AuthenticationPrincipal AbmUser user) {
    return ResponseEntity.accepted().body(engagement.stage(accountId, body == null ? null : body.stage(), user.getUsername()));
  }
}
