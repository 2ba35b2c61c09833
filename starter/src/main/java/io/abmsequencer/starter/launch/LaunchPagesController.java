package io.abmsequencer.starter.launch;

import io.abmsequencer.activities.playbook.PlaybookSummary;
import io.abmsequencer.starter.playbook.PlaybookService;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.AppUsers;
import io.abmsequencer.starter.security.Role;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FormErrors;
import io.abmsequencer.workflows.playbook.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Launching: one account with its committee, or a target account list (CSV) with a playbook per
 * tier. Everything is checked before anything starts; what is wrong is shown on its field or row.
 * A list launch is then followed on its progress page.
 */
@Controller
class LaunchPagesController {
  private static final String FORM = "launch/form";

  private final LaunchService launches;
  private final PlaybookService playbooks;
  private final AppUsers users;

  LaunchPagesController(LaunchService launches, PlaybookService playbooks, AppUsers users) {
    this.launches = launches;
    this.playbooks = playbooks;
    this.users = users;
  }

  @GetMapping("/launch")
  String form(@RequestParam(required = false) String playbook, Model model) {
    AccountLaunchForm account = new AccountLaunchForm();
    account.setPlaybook(playbook);
    Map<Tier, String> perTier = defaultsPerTier();
    if (playbook != null) {
      playbooks.list().stream().filter(p -> p.id().equals(playbook)).findFirst().ifPresent(p -> perTier.put(p.tier(), p.id()));
    }
    return page(model, account, perTier);
  }

  @PostMapping("/launch/account")
  String launchAccount(@ModelAttribute("account") AccountLaunchForm form, BindingResult binding,
      @AuthenticationPrincipal AbmUser user, Model model) {
    AccountLaunchForm.Request request = form.toRequest();
    try {
      String workflowId = launches.launchOne(request.request(), user.getUsername());
      return "redirect:/sequences/" + workflowId + "?started";
    } catch (ApiException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        binding.rejectValue("playbook", "launch.playbook", e.getMessage());
      } else if (e.problems().isEmpty()) {
        binding.reject("launch.refused", e.getMessage());
      } else {
        FormErrors.reject(binding, e.problems(), request::formPath, "launch.invalid");
      }
      return page(model, form, defaultsPerTier());
    }
  }

  @PostMapping("/launch/csv")
  String launchList(@RequestParam(required = false) MultipartFile file, @RequestParam Map<String, String> params,
      @AuthenticationPrincipal AbmUser user, Model model) {
    Map<String, String> chosen = new LinkedHashMap<>();
    Map<Tier, String> perTier = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      String id = params.get("playbook." + tier.name());
      if (id != null && !id.isBlank()) {
        chosen.put("playbook." + tier.name(), id);
        perTier.put(tier, id);
      }
    }
    if (chosen.isEmpty()) {
      model.addAttribute("csvProblem", "launch.csv.noPlaybook");
      return page(model, new AccountLaunchForm(), perTier);
    }
    if (file == null || file.isEmpty()) {
      model.addAttribute("csvProblem", "launch.csv.noFile");
      return page(model, new AccountLaunchForm(), perTier);
    }
    try (InputStream csv = file.getInputStream()) {
      LaunchService.PlaybookChoice choice = launches.choose(chosen);
      LaunchService.Accepted accepted = launches.launch(csv, choice, user.getUsername());
      return "redirect:/launch/" + accepted.launchId();
    } catch (ApiException e) {
      model.addAttribute("csvRefused", CsvRefusal.of(e, file.getOriginalFilename()));
      return page(model, new AccountLaunchForm(), perTier);
    } catch (IOException e) {
      model.addAttribute("csvProblem", "launch.csv.unreadable");
      return page(model, new AccountLaunchForm(), perTier);
    }
  }

  @GetMapping("/launch/{launchId}")
  String progress(@PathVariable String launchId, Model model) {
    model.addAttribute("progress", launches.progress(launchId));
    return "launch/progress";
  }

  /** What the progress page polls once a second. */
  @GetMapping("/launch/{launchId}/progress")
  @ResponseBody
  Map<String, Object> progressJson(@PathVariable String launchId) {
    return launches.progress(launchId);
  }

  private String page(Model model, AccountLaunchForm account, Map<Tier, String> perTier) {
    account.padRows();
    List<PlaybookSummary> all = playbooks.list();
    model.addAttribute("account", account);
    model.addAttribute("playbooks", all);
    model.addAttribute("perTier", perTier);
    model.addAttribute("tiers", Tier.values());
    model.addAttribute("roles", io.abmsequencer.workflows.playbook.Role.values());
    model.addAttribute("owners", users.profiles().stream().filter(u -> u.roles().contains(Role.SDR))
        .map(u -> u.ownerOrUsername()).distinct().sorted().toList());
    return FORM;
  }

  /** For each tier, the most recently uploaded playbook written for it. */
  private Map<Tier, String> defaultsPerTier() {
    Map<Tier, String> out = new EnumMap<>(Tier.class);
    playbooks.list().stream().sorted(Comparator.comparing(PlaybookSummary::uploadedAt).reversed())
        .forEach(p -> out.putIfAbsent(p.tier(), p.id()));
    return out;
  }
}
