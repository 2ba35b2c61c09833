package io.abmsequencer.starter.reviews;

import io.abmsequencer.activities.reviews.ReviewRow;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.Role;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Review checkpoints: each open one with its context; reviewers (and admins) decide, everyone else
 * who may look reads. Deciding is limited to them by the security rules as well.
 */
@Controller
class ReviewsController {
  private final ReviewBoard board;
  private final ReviewService reviews;
  private final MessageSource messages;

  ReviewsController(ReviewBoard board, ReviewService reviews, MessageSource messages) {
    this.board = board;
    this.reviews = reviews;
    this.messages = messages;
  }

  @GetMapping("/reviews")
  String list(@AuthenticationPrincipal AbmUser user, @RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute("board", board.page(Math.max(page, 0)));
    model.addAttribute("canDecide", user.has(Role.REVIEWER));
    return "reviews/list";
  }

  @PostMapping("/reviews/{reviewId}/decision")
  String decide(@AuthenticationPrincipal AbmUser user, @PathVariable String reviewId,
      @RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String tier,
      @RequestParam(defaultValue = "") String note, Locale locale, RedirectAttributes redirect) {
    ReviewDecision chosen = parse(ReviewDecision.class, decision);
    if (chosen == null) return problem(redirect, "reviews.decision.missing");
    Tier newTier = chosen == ReviewDecision.CHANGE_TIER ? parse(Tier.class, tier) : null;
    if (chosen == ReviewDecision.CHANGE_TIER && newTier == null) return problem(redirect, "reviews.tier.missing");
    try {
      ReviewRow review = reviews.get(reviewId);
      reviews.decide(reviewId, chosen, newTier, note.isBlank() ? null : note.trim(), user.getUsername());
      redirect.addFlashAttribute("notice", "reviews.decided");
      redirect.addFlashAttribute("noticeArgs",
          new Object[] {review.accountName(), messages.getMessage("work.decision." + chosen, null, chosen.name(), locale)});
    } catch (ApiException e) {
      return problem(redirect, switch (e.status()) {
        case CONFLICT -> "reviews.closed";
        case NOT_FOUND -> "reviews.missing";
        default -> "reviews.refused";
      }, e.getMessage());
    }
    return "redirect:/reviews";
  }

  private static String problem(RedirectAttributes redirect, String key, Object... args) {
    redirect.addFlashAttribute("problem", key);
    redirect.addFlashAttribute("problemArgs", args);
    return "redirect:/reviews";
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name) {
    try {
      return name.isBlank() ? null : Enum.valueOf(type, name.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
