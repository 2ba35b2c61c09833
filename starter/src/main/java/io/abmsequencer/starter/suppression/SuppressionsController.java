package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.starter.security.AbmUser;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The suppression list: search it, add an address by hand, lift one with a reason; every change audited. */
@Controller
class SuppressionsController {
  private final SuppressionDesk desk;

  SuppressionsController(SuppressionDesk desk) {
    this.desk = desk;
  }

  /** The add form. */
  static final class AddForm {
    private String email;
    private SuppressionReason reason = SuppressionReason.MANUAL;
    private String note;

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public SuppressionReason getReason() { return reason; }
    public void setReason(SuppressionReason reason) { this.reason = reason; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
  }

  @ModelAttribute("reasons")
  List<SuppressionReason> reasons() {
    return SuppressionDesk.REASONS;
  }

  @GetMapping("/suppressions")
  String list(@RequestParam(defaultValue = "") String q, Model model) {
    if (!model.containsAttribute("form")) model.addAttribute("form", new AddForm());
    return page(q, model);
  }

  @PostMapping("/suppressions")
  String add(@ModelAttribute("form") AddForm form, BindingResult binding, @AuthenticationPrincipal AbmUser user, Model model,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      model.addAttribute("addError", "reason: one of " + SuppressionDesk.REASONS);
      return page("", model);
    }
    SuppressionDesk.Added added;
    try {
      added = desk.add(form.getEmail(), form.getReason(), form.getNote(), user.getUsername());
    } catch (IllegalArgumentException e) {
      model.addAttribute("addError", e.getMessage());
      return page("", model);
    }
    redirect.addFlashAttribute("notice", added.added() ? "suppressions.added" : "suppressions.already");
    redirect.addFlashAttribute("noticeArgs", new Object[] {added.email(), added.sequencesTold()});
    redirect.addAttribute("q", added.email());
    return "redirect:/suppressions";
  }

  @PostMapping("/suppressions/lift")
  String lift(@RequestParam Channel channel, @RequestParam String address, @RequestParam(defaultValue = "") String note,
      @AuthenticationPrincipal AbmUser user, RedirectAttributes redirect) {
    redirect.addAttribute("q", address);
    if (note.isBlank()) {
      redirect.addFlashAttribute("problem", "suppressions.lift.noteRequired");
      redirect.addFlashAttribute("problemArgs", new Object[] {address});
      return "redirect:/suppressions";
    }
    boolean lifted = desk.lift(channel, address, note, user.getUsername()).isPresent();
    redirect.addFlashAttribute(lifted ? "notice" : "problem", lifted ? "suppressions.lifted" : "suppressions.notListed");
    redirect.addFlashAttribute(lifted ? "noticeArgs" : "problemArgs", new Object[] {address});
    return "redirect:/suppressions";
  }

  private String page(String q, Model model) {
    model.addAttribute("q", q);
    model.addAttribute("suppressions", desk.search(q));
    model.addAttribute("trail", desk.trail(q));
    return "suppression/list";
  }
}
