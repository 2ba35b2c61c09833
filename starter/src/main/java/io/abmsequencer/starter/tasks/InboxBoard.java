package io.abmsequencer.starter.tasks;

import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.starter.engagement.AccountEngagement;
import io.abmsequencer.starter.security.AbmUser;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The inbox as the SDR works it: each open task with its account's latest engagement beside it. */
@Service
class InboxBoard {
  static final int PAGE_SIZE = 20;
  static final int EVENTS_PER_ACCOUNT = 5;

  /** A task and the account's engagement. @param overdue its due date has passed */
  record TaskCard(TaskRow task, boolean overdue, AccountEngagement.Recent engagement) {}

  record Page(List<TaskCard> cards, int page, boolean hasNext) {}

  private final TaskService tasks;
  private final AccountEngagement engagement;
  private final InboxOwners owners;

  InboxBoard(TaskService tasks, AccountEngagement engagement, InboxOwners owners) {
    this.tasks = tasks;
    this.engagement = engagement;
    this.owners = owners;
  }

  /**
   * One page of open tasks in the service's order (hot-account alerts first, then by due date).
   *
   * @param owner whose; null for the user's own (an SDR) or everyone's (marketers, ops, admins)
   */
  Page page(AbmUser user, String owner, int page) {
    List<TaskRow> rows = tasks.inbox(user, owner, true, PAGE_SIZE + 1, page * PAGE_SIZE);
    boolean more = rows.size() > PAGE_SIZE;
    Instant now = Instant.now();
    Map<String, AccountEngagement.Recent> byAccount = new HashMap<>();
    List<TaskCard> cards = rows.stream().limit(PAGE_SIZE)
        .map(t -> new TaskCard(t, t.isOpen() && t.dueAt().isBefore(now),
            byAccount.computeIfAbsent(t.accountId(), a -> engagement.recent(t.workflowId(), a, t.score(), EVENTS_PER_ACCOUNT))))
        .toList();
    return new Page(cards, page, more);
  }

  /** @throws io.abmsequencer.starter.web.ApiException 404 unknown, 403 another SDR's */
  TaskCard card(AbmUser user, String taskId) {
    TaskRow task = tasks.get(user, taskId);
    return new TaskCard(task, task.isOpen() && task.dueAt().isBefore(Instant.now()),
        engagement.recent(task.workflowId(), task.accountId(), task.score(), EVENTS_PER_ACCOUNT * 2));
  }

  List<String> owners() {
    return owners.all();
  }
}
