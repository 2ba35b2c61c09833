package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.suppression.Suppression;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.starter.target.ContactRules;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.abmsequencer.starter.security.AbmUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/**
 * The suppression list: an e-mail address added here gets nothing from any sequence, and every
 * running sequence that targets it is told at once (it is also checked right before every send).
 */
@RestController
class SuppressionController {
  private final SuppressionList suppressions;
  private final ConsentService consent;

  SuppressionController(SuppressionList suppressions, ConsentService consent) {
    this.suppressions = suppressions;
    this.consent = consent;
  }

  record Request(String email, SuppressionReason reason, String detail) {}

  record Added(String email, boolean added, List<String> sequencesTold) {}

  @PostMapping("/api/suppressions")
  ResponseEntity<Added> add(@RequestBody Request request, @AuthenticationPrincipal AbmUser user) {
    if (request == null) throw ApiException.badRequest("The request needs a JSON body: {email, reason?, detail?}");
    List<FieldProblem> errors = new ArrayList<>();
    String email = field(errors, "email", () -> ContactRules.normaliseEmail(request.email()));
    // A note for whoever reads the list: free text, as long as a CSV value may be.
    String detail = field(errors, "detail", () -> ContactRules.normaliseText(request.detail(), true));
    if (!errors.isEmpty()) throw ApiException.invalid("Invalid request", errors);
    SuppressionReason reason = request.reason() == null ? SuppressionReason.MANUAL : request.reason();
    ConsentService.OptedOut out = consent.optOutEmail(email, reason, detail, user.getUsername());
    return ResponseEntity.status(out.added() ? 201 : 200).body(new Added(out.email(), out.added(), out.sequencesTold()));
  }

  private static String field(List<FieldProblem> errors, String name, Supplier<String> rule) {
    try {
      return rule.get();
    } catch (IllegalArgumentException e) {
      errors.add(FieldProblem.field(name, e.getMessage()));
      return null;
    }
  }

  @GetMapping("/api/suppressions")
  List<Suppression> search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.invalidField("limit", "must be from 1 to 1000");
    return suppressions.search(q, limit);
  }
}
