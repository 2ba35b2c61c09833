package io.abmsequencer.starter.system;

import io.abmsequencer.activities.email.SenderPauses;
import io.abmsequencer.starter.web.ApiException;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How this installation runs, for ops and scripts (the console shows the same in its header), and
 * the senders a burst of policy refusals paused, with the way to resume one.
 */
@RestController
class SystemController {
  private final SystemModes modes;
  private final SenderPauses pauses;

  SystemController(SystemModes modes, SenderPauses pauses) {
    this.modes = modes;
    this.pauses = pauses;
  }

  /** @param sendingPaused the senders whose e-mails wait (see README, "Deliverability and consent") */
  record SystemStatus(boolean embedded, String sms, String ads, boolean payloadsEncrypted, String temporalUi,
      List<SenderPauses.Pause> sendingPaused) {}

  @GetMapping("/api/system")
  SystemStatus status() {
    SystemModes.Modes m = modes.now();
    return new SystemStatus(m.embedded(), m.sms(), m.ads(), m.payloadsEncrypted(), m.temporalUi(), pauses.paused());
  }

  /** Lets a paused sender's e-mails go out again (once the cause of the refusals is fixed). 404 when it is not paused. */
  @PostMapping("/api/sending-pauses/{sender}/resume")
  SystemStatus resume(@PathVariable String sender, Principal user) {
    if (!pauses.resume(sender, user.getName())) throw ApiException.notFound("Sending from '" + sender + "' is not paused");
    return status();
  }
}
