package io.abmsequencer.starter.system;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How this installation runs, for ops and scripts (the console shows the same in its header). */
@RestController
class SystemController {
  private final SystemModes modes;

  SystemController(SystemModes modes) {
    this.modes = modes;
  }

  @GetMapping("/api/system")
  SystemModes.Modes modes() {
    return modes.now();
  }
}
