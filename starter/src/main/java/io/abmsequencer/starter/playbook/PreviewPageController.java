package io.abmsequencer.starter.playbook;

import io.abmsequencer.activities.playbook.StoredPlaybook;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dated timeline of a playbook, for an example committee or the one the marketer enters. A pure
 * calculation ({@link Preview#of}): nothing runs, nothing is stored.
 */
@Controller
class PreviewPageController {
  private final PlaybookService playbooks;

  PreviewPageController(PlaybookService playbooks) {
    this.playbooks = playbooks;
  }

  @GetMapping("/playbooks/{id}/preview")
  String preview(@PathVariable String id, @RequestParam(required = false) Integer version,
      @ModelAttribute("committee") PreviewForm form, BindingResult binding, Model model) {
    StoredPlaybook stored = playbooks.get(id, version);
    Playbook playbook = stored.playbook();
    ZoneId zone = playbook.calendar().timeZone();
    Preview.Request request = form.toRequest(zone, binding);
    form.padRows();
    model.addAttribute("playbook", stored);
    model.addAttribute("zone", zone.getId());
    model.addAttribute("roles", Role.values());
    model.addAttribute("ownCommittee", form.ownCommittee());
    if (request != null) model.addAttribute("preview", PreviewPage.of(Preview.of(playbook, request), zone));
    return "playbook/preview";
  }
}
