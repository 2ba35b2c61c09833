package io.abmsequencer.starter.sequence;

import io.abmsequencer.activities.sequence.Page;
import io.abmsequencer.activities.sequence.SequenceFilter;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.starter.playbook.PlaybookService;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.AccountAccess;
import io.abmsequencer.starter.system.SystemModes;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookValidationException;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sequences: the filtered, paged list (one indexed query per page, whatever the total), one
 * sequence with its committee, timeline, open work and live status, and pause / resume / cancel.
 */
@Controller
class SequencePagesController {
  static final int PAGE_SIZE = 50;

  private final SequenceService sequences;
  private final PlaybookService playbooks;
  private final SystemModes modes;

  SequencePagesController(SequenceService sequences, PlaybookService playbooks, SystemModes modes) {
    this.sequences = sequences;
    this.playbooks = playbooks;
    this.modes = modes;
  }

  @GetMapping("/sequences")
  String list(@ModelAttribute("filter") SequenceFilterForm form, BindingResult binding, @AuthenticationPrincipal AbmUser user,
      Model model) {
    // The service narrows an SDR's list to their own accounts; the form says so instead of echoing another owner.
    form.setOwner(AccountAccess.ownerScope(user, form.getOwner()));
    SequenceFilter filter = form.toFilter(binding);
    int page = binding.hasFieldErrors("page") || form.getPage() < 0 ? 0 : form.getPage();
    Page<SequenceRow> result = sequences.search(user, filter, page, PAGE_SIZE);
    model.addAttribute("ownAccountsOnly", !AccountAccess.seesEveryAccount(user));
    model.addAttribute("result", result);
    model.addAttribute("previous", page > 0 ? form.pageLink(page - 1) : null);
    model.addAttribute("next", result.hasNext() ? form.pageLink(page + 1) : null);
    model.addAttribute("motions", Motion.values());
    model.addAttribute("tiers", Tier.values());
    model.addAttribute("statuses", SequenceStatusCode.values());
    model.addAttribute("playbooks", playbooks.list());
    return "sequence/list";
  }

  @GetMapping("/sequences/{workflowId}")
  String show(@PathVariable String workflowId, @RequestParam(required = false) String started, @AuthenticationPrincipal AbmUser user,
      Model model) {
    SequenceService.Detail detail;
    try {
      detail = sequences.detail(user, workflowId);
    } catch (ApiException e) {
      // Just launched: the workflow records itself in the list within a moment; until then, say so.
      if (started == null || e.status() != HttpStatus.NOT_FOUND) throw e;
      model.addAttribute("workflowId", workflowId);
      return "sequence/starting";
    }
    model.addAttribute("page", SequencePage.of(detail, playbook(detail), Instant.now()));
    model.addAttribute("waitingOn", detail.waitingOn());
    model.addAttribute("temporalUi", modes.temporalUiLink("default", workflowId));
    return "sequence/show";
  }

  @PostMapping("/sequences/{workflowId}/pause")
  String pause(@PathVariable String workflowId, @RequestParam(required = false) String reason, @AuthenticationPrincipal AbmUser user,
      RedirectAttributes redirect) {
    return control(workflowId, "pause", () -> sequences.pause(workflowId, user.getUsername(), blankToNull(reason)), redirect);
  }

  @PostMapping("/sequences/{workflowId}/resume")
  String resume(@PathVariable String workflowId, @AuthenticationPrincipal AbmUser user, RedirectAttributes redirect) {
    return control(workflowId, "resume", () -> sequences.resume(workflowId, user.getUsername(), null), redirect);
  }

  @PostMapping("/sequences/{workflowId}/cancel")
  String cancel(@PathVariable String workflowId, @RequestParam(required = false) String reason, @AuthenticationPrincipal AbmUser user,
      RedirectAttributes redirect) {
    return control(workflowId, "cancel", () -> sequences.cancel(workflowId, user.getUsername(), blankToNull(reason)), redirect);
  }

  private String control(String workflowId, String action, Runnable request, RedirectAttributes redirect) {
    try {
      request.run();
      redirect.addFlashAttribute("requested", action);
    } catch (ApiException e) {
      if (e.status() == HttpStatus.NOT_FOUND) throw e;
      redirect.addFlashAttribute("refused", e.getMessage());
    }
    return "redirect:/sequences/" + workflowId;
  }

  /** The version the sequence runs, for its plan and calendar; null when it no longer parses. */
  private Playbook playbook(SequenceService.Detail detail) {
    try {
      return playbooks.get(detail.sequence().playbookId(), detail.sequence().playbookVersion()).playbook();
    } catch (ApiException | PlaybookValidationException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
