package io.abmsequencer.starter.system;

import io.abmsequencer.activities.email.SenderPauses;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shows in its header: the modes this installation runs in, and any sender
 * whose e-mail is paused (a banner on every page: marketers see it wherever they are).
 */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {
  private final SystemModes modes;
  private final SenderPauses pauses;

  ConsoleModel(SystemModes modes, SenderPauses pauses) {
    this.modes = modes;
    this.pauses = pauses;
  }

  @ModelAttribute("modes")
  SystemModes.Modes modes() {
    return modes.now();
  }

  @ModelAttribute("sendingPauses")
  List<SenderPauses.Pause> sendingPauses() {
    return pauses.paused();
  }
}
