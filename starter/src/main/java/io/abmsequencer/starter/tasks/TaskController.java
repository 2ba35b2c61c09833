package io.abmsequencer.starter.tasks;

import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.sequence.TaskCompleted;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.abmsequencer.starter.security.AbmUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/** The SDR task inbox. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {
  private final TaskService tasks;

  TaskController(TaskService tasks) {
    this.tasks = tasks;
  }

  record Completion(TaskOutcome outcome, String note) {}

  /** Open tasks first, hot-account alerts first, then by due date. */
  @GetMapping
  List<TaskRow> inbox(@RequestParam(required = false) String assignee, @RequestParam(defaultValue = "open") String state,
      @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset,
      @AuthenticationPrincipal AbmUser user) {
    if (!state.equals("open") && !state.equals("all")) {
      throw io.abmsequencer.starter.web.ApiException.invalidField("state", "expected 'open' or 'all', found '" + state + "'");
    }
    return tasks.inbox(user, assignee, state.equals("open"), limit, offset);
  }

  @GetMapping("/{taskId}")
  TaskRow get(@PathVariable String taskId, @AuthenticationPrincipal AbmUser user) {
    return tasks.get(user, taskId);
  }

  @PostMapping("/{taskId}/complete")
  TaskCompleted complete(@PathVariable String taskId, @RequestBody Completion body,
      @AuthenticationPrincipal AbmUser user) {
    return tasks.complete(user, taskId, body.outcome(), body.note());
  }
}
