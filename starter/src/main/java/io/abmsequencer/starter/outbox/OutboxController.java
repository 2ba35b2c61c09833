package io.abmsequencer.starter.outbox;

import io.abmsequencer.activities.email.SenderPauses;
import io.abmsequencer.activities.ledger.Channel;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The outbox: every touch per channel, newest first, and one e-mail as it was sent. */
@Controller
class OutboxController {
  static final int PAGE_SIZE = 25;

  private final Outbox outbox;
  private final SenderPauses pauses;

  OutboxController(Outbox outbox, SenderPauses pauses) {
    this.outbox = outbox;
    this.pauses = pauses;
  }

  /** The banner's button: lets a paused sender's e-mails go out again, then shows the outbox. */
  @PostMapping("/outbox/sending-pauses/resume")
  String resume(@RequestParam String sender, Principal user) {
    pauses.resume(sender, user.getName());
    return "redirect:/outbox";
  }

  @GetMapping("/outbox")
  String list(@RequestParam(defaultValue = "EMAIL") String channel, @RequestParam(defaultValue = "0") int page, Model model) {
    Channel selected = channel(channel);
    model.addAttribute("channels", List.of(Channel.values()));
    model.addAttribute("live", outbox.liveChannels());
    model.addAttribute("outbox", outbox.page(selected, Math.max(page, 0), PAGE_SIZE));
    return "outbox/list";
  }

  /** A touch key has slashes of its own ({@code workflowId/playbook@version/step/contactId}): the rest of the path is the key. */
  @GetMapping("/outbox/{*touchKey}")
  String email(@PathVariable String touchKey, Model model) {
    RenderedEmail email = outbox.email(touchKey).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("email", email);
    model.addAttribute("live", outbox.liveChannels());
    return "outbox/email";
  }

  private static Channel channel(String name) {
    try {
      return Channel.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }
}
