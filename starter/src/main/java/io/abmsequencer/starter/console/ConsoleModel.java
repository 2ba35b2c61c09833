package io.abmsequencer.starter.console;

import io.abmsequencer.starter.system.SystemModes;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows in its header: the modes this installation runs in. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {
  private final SystemModes modes;

  ConsoleModel(SystemModes modes) {
    this.modes = modes;
  }

  @ModelAttribute("modes")
  SystemModes.Modes modes() {
    return modes.now();
  }
}
