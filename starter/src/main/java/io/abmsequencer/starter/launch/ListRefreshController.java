package io.abmsequencer.starter.launch;

import io.abmsequencer.activities.playbook.PlaybookSummary;
import io.abmsequencer.starter.playbook.PlaybookService;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.Tier;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The quarterly target-account-list refresh: upload, see the difference, confirm. The difference
 * waits in the session between the preview and the confirmation; nothing changes before it.
 */
@Controller
class ListRefreshController {
  static final String PLAN = "abm.listRefresh.plan";
  /** How many accounts each section of the preview lists (the counts are always complete). */
  static final int SHOWN = 200;

  private final ListRefreshService refresh;
  private final PlaybookService playbooks;
  private final LaunchService launches;

  ListRefreshController(ListRefreshService refresh, PlaybookService playbooks, LaunchService launches) {
    this.refresh = refresh;
    this.playbooks = playbooks;
    this.launches = launches;
  }

  @GetMapping("/list-refresh")
  String form(Model model) {
    form(model, new EnumMap<>(Tier.class));
    return "launch/refresh-form";
  }

  /** A refused list is answered 400, the form shown again with every problem. */
  @PostMapping("/list-refresh/preview")
  String preview(@RequestParam(name = "file", required = false) MultipartFile file, @RequestParam Map<String, String> params,
      @AuthenticationPrincipal AbmUser user, HttpSession session, Model model, HttpServletResponse response) throws IOException {
    Map<Tier, String> chosen = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      String id = params.get("playbook." + tier.name());
      if (id != null && !id.isBlank()) chosen.put(tier, id.trim());
    }
    if (file == null || file.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", "refresh.error.nofile");
      form(model, chosen);
      return "launch/refresh-form";
    }
    ListRefreshService.Preview preview;
    try (InputStream in = file.getInputStream()) {
      preview = refresh.preview(in, file.getOriginalFilename(), chosen, user.getUsername());
    }
    if (!preview.errors().isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      session.removeAttribute(PLAN);
      model.addAttribute("errors", preview.errors());
      model.addAttribute("fileName", file.getOriginalFilename());
      form(model, chosen);
      return "launch/refresh-form";
    }
    session.setAttribute(PLAN, preview.plan());
    model.addAttribute("plan", preview.plan());
    model.addAttribute("shown", SHOWN);
    return "launch/refresh-preview";
  }

  @PostMapping("/list-refresh/confirm")
  String confirm(@RequestParam String plan, @AuthenticationPrincipal AbmUser user, HttpSession session, RedirectAttributes redirect) {
    RefreshPlan pending = session.getAttribute(PLAN) instanceof RefreshPlan p ? p : null;
    if (pending == null || !pending.id().equals(plan)) {
      redirect.addFlashAttribute("problem", "refresh.error.stale");
      return "redirect:/list-refresh";
    }
    // Taken out first: a second click (or a reload) cannot apply the same list twice.
    session.removeAttribute(PLAN);
    redirect.addFlashAttribute("outcome", refresh.apply(pending, user.getUsername()));
    redirect.addFlashAttribute("plan", pending);
    return "redirect:/list-refresh/done";
  }

  @GetMapping("/list-refresh/done")
  String done(Model model) {
    if (!model.containsAttribute("outcome")) return "redirect:/list-refresh";
    ListRefreshService.Outcome outcome = (ListRefreshService.Outcome) model.getAttribute("outcome");
    if (outcome.launchId() != null) {
      try {
        model.addAttribute("progress", launches.progress(outcome.launchId()));
      } catch (ApiException e) {
        // The launch record is written before this page: absent only if the database lost it.
      }
    }
    return "launch/refresh-done";
  }

  private void form(Model model, Map<Tier, String> chosen) {
    List<PlaybookSummary> all = playbooks.list();
    model.addAttribute("tiers", Tier.values());
    model.addAttribute("playbooks", all);
    Map<Tier, String> selected = new EnumMap<>(Tier.class);
    selected.putAll(chosen);
    model.addAttribute("chosen", selected);
  }
}
