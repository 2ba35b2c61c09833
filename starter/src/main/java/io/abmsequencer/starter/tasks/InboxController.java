package io.abmsequencer.starter.tasks;

import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.AccountAccess;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.TaskOutcome;
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
 * The SDR inbox: open tasks with what to do, for whom, why and by when, the account's engagement
 * beside each, and a form to close it with an outcome. An SDR sees only their own; marketers, ops
 * and admins pick an owner (everyone's by default).
 */
@Controller
class InboxController {
  private final InboxBoard board;
  private final TaskService tasks;
  private final MessageSource messages;

  InboxController(InboxBoard board, TaskService tasks, MessageSource messages) {
    this.board = board;
    this.tasks = tasks;
    this.messages = messages;
  }

  @GetMapping("/inbox")
  String inbox(@AuthenticationPrincipal AbmUser user, @RequestParam(defaultValue = "") String owner,
      @RequestParam(defaultValue = "0") int page, Model model) {
    boolean everyone = AccountAccess.worksEveryInbox(user);
    String whose = everyone && !owner.isBlank() ? owner.trim() : null;
    model.addAttribute("board", board.page(user, whose, Math.max(page, 0)));
    model.addAttribute("owner", whose == null ? "" : whose);
    model.addAttribute("pickOwner", everyone);
    if (everyone) model.addAttribute("owners", board.owners());
    return "tasks/list";
  }

  @GetMapping("/inbox/{taskId}")
  String task(@AuthenticationPrincipal AbmUser user, @PathVariable String taskId, Model model) {
    model.addAttribute("card", board.card(user, taskId));
    return "tasks/task";
  }

  /** Closes the task with the SDR's outcome; 409 (already closed), 403 and 400 come back as messages on the inbox. */
  @PostMapping("/inbox/{taskId}/complete")
  String complete(@AuthenticationPrincipal AbmUser user, @PathVariable String taskId,
      @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String note,
      @RequestParam(defaultValue = "") String owner, Locale locale, RedirectAttributes redirect) {
    if (!owner.isBlank()) redirect.addAttribute("owner", owner);
    TaskOutcome chosen = outcome(outcome);
    if (chosen == null) return problem(redirect, "inbox.outcome.missing");
    try {
      TaskRow task = tasks.get(user, taskId);
      tasks.complete(user, taskId, chosen, note.isBlank() ? null : note.trim());
      redirect.addFlashAttribute("notice", "inbox.done");
      redirect.addFlashAttribute("noticeArgs",
          new Object[] {task.title(), task.accountName(), messages.getMessage("work.outcome." + chosen, null, chosen.name(), locale)});
    } catch (ApiException e) {
      String key = switch (e.status()) {
        case CONFLICT -> "inbox.closed";
        case FORBIDDEN -> "inbox.forbidden";
        case NOT_FOUND -> "inbox.missing";
        default -> "inbox.refused";
      };
      return problem(redirect, key, e.getMessage());
    }
    return "redirect:/inbox";
  }

  private static String problem(RedirectAttributes redirect, String key, Object... args) {
    redirect.addFlashAttribute("problem", key);
    redirect.addFlashAttribute("problemArgs", args);
    return "redirect:/inbox";
  }

  private static TaskOutcome outcome(String name) {
    try {
      return name.isBlank() ? null : TaskOutcome.valueOf(name.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
