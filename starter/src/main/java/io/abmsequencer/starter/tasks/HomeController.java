package io.abmsequencer.starter.tasks;

import io.abmsequencer.activities.reviews.ReviewInbox;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.AccountAccess;
import io.abmsequencer.starter.security.Role;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: what needs the signed-in person today (running sequences, open tasks, open reviews). */
@Controller
class HomeController {
  private final SequenceRepository sequences;
  private final TaskInbox tasks;
  private final ReviewInbox reviews;

  HomeController(SequenceRepository sequences, TaskInbox tasks, ReviewInbox reviews) {
    this.sequences = sequences;
    this.tasks = tasks;
    this.reviews = reviews;
  }

  @GetMapping("/")
  String home(@AuthenticationPrincipal AbmUser user, Model model) {
    // The same sequences the list behind this card shows: an SDR's own.
    long running = sequences.countByStatus(AccountAccess.ownerScope(user, null)).entrySet().stream()
        .filter(e -> e.getKey() != SequenceStatusCode.EXITED).mapToLong(java.util.Map.Entry::getValue).sum();
    boolean everyInbox = AccountAccess.worksEveryInbox(user);
    model.addAttribute("user", user);
    model.addAttribute("running", running);
    if (user.has(Role.SDR) || everyInbox) model.addAttribute("openTasks", tasks.countOpen(everyInbox ? null : user.owner()));
    if (user.has(Role.REVIEWER) || user.has(Role.MARKETER)) model.addAttribute("openReviews", reviews.countOpen());
    return "home";
  }
}
