package io.abmsequencer.starter.reviews;

import io.abmsequencer.activities.reviews.ReviewRow;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.ReviewDecided;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.abmsequencer.starter.security.AbmUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/** Review checkpoints where sales and marketing decide together. */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {
  private final ReviewService reviews;

  ReviewController(ReviewService reviews) {
    this.reviews = reviews;
  }

  record Decision(ReviewDecision decision, Tier tier, String note) {}

  /** Open checkpoints, the soonest due first. */
  @GetMapping
  List<ReviewRow> open(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
    return reviews.open(limit, offset);
  }

  @GetMapping("/{reviewId}")
  ReviewRow get(@PathVariable String reviewId) {
    return reviews.get(reviewId);
  }

  @PostMapping("/{reviewId}/decision")
  ReviewDecided decide(@PathVariable String reviewId, @RequestBody Decision body,
      @AuthenticationPrincipal AbmUser user) {
    return reviews.decide(reviewId, body.decision(), body.tier(), body.note(), user.getUsername());
  }
}
