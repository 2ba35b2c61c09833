package io.abmsequencer.starter.digest;

import io.abmsequencer.activities.weekly.WeeklyReview;
import io.abmsequencer.activities.weekly.WeeklyReviewRepository;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.AccountAccess;
import io.abmsequencer.starter.security.Role;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The weekly account review, the page sales and marketing go through together (and the Monday
 * digest's source): per owner and tier, what advanced, what stalled, what needs a decision and
 * which accounts turned hot. An SDR sees their own accounts only ({@link AccountAccess}); an SDR who
 * also reviews opens on their own and may choose another owner or everyone.
 */
@Controller
class WeeklyController {
  private final WeeklyReviewRepository reviews;

  WeeklyController(WeeklyReviewRepository reviews) {
    this.reviews = reviews;
  }

  @GetMapping("/weekly")
  String weekly(@RequestParam(required = false) String owner, @RequestParam(required = false) String tier,
      @AuthenticationPrincipal AbmUser user, Model model) {
    String asked = owner == null ? defaultOwner(user) : owner.isBlank() ? null : owner.trim();
    String chosen = AccountAccess.ownerScope(user, asked);
    Tier chosenTier = tier(tier);
    WeeklyReview review = reviews.review(chosen, chosenTier, Instant.now());
    List<String> owners = new ArrayList<>();
    if (AccountAccess.seesEveryAccount(user)) {
      owners.addAll(reviews.owners());
      if (chosen != null && !owners.contains(chosen)) owners.add(0, chosen);
    }
    if (user.owner() != null && !owners.contains(user.owner())) owners.add(0, user.owner());
    model.addAttribute("review", review);
    model.addAttribute("owner", chosen == null ? "" : chosen);
    model.addAttribute("tier", chosenTier == null ? "" : chosenTier.name());
    model.addAttribute("owners", owners);
    model.addAttribute("everyone", AccountAccess.seesEveryAccount(user));
    model.addAttribute("tiers", Tier.values());
    model.addAttribute("me", user.owner());
    return "digest/weekly";
  }

  /** Their own accounts first for whoever works an inbox of their own; everyone's for the people who run the program. */
  static String defaultOwner(AbmUser user) {
    return user.has(Role.SDR) && !AccountAccess.worksEveryInbox(user) ? user.owner() : null;
  }

  private static Tier tier(String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Tier.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
