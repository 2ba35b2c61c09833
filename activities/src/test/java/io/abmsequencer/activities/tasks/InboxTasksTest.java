package io.abmsequencer.activities.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.account.Contact;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InboxTasksTest extends DatabaseTest {
  private static final Instant NOW = Instant.parse("2027-01-12T09:00:00Z");

  @Autowired InboxTasks tasks;
  @Autowired TaskInbox inbox;

  @Test
  void openingTwiceKeepsOneTaskWithEveryField() {
    Contact ana = new Contact("ana", "ana@acme.example", "Ana", "Silva", "CFO", Role.ECONOMIC_BUYER, "+14155550100", "Europe/Lisbon", true,
        "https://www.linkedin.com/in/ana-silva-example");
    TaskOpen open = new TaskOpen("t-1", "wf-1", "acme", "Acme", "sam", TaskType.CALL, "Call Ana", "Ask about Q3",
        ana, "call-1", "step 4 of the playbook", 35, NOW.plusSeconds(86400), NOW,
        List.of(TaskOutcome.COMPLETED, TaskOutcome.MEETING_BOOKED));

    tasks.open(open);
    tasks.open(new TaskOpen("t-1", "wf-1", "acme", "Acme", "sam", TaskType.CALL, "Changed title", null,
        null, "call-1", null, 0, NOW, NOW, List.of()));

    TaskRow row = inbox.find("t-1").orElseThrow();
    assertThat(row).isEqualTo(new TaskRow("t-1", "wf-1", "acme", "Acme", "sam", TaskType.CALL, "Call Ana", "Ask about Q3",
        "ana", "Ana Silva", Role.ECONOMIC_BUYER, "CFO", "ana@acme.example", "+14155550100", "call-1",
        "step 4 of the playbook", 35, List.of(TaskOutcome.COMPLETED, TaskOutcome.MEETING_BOOKED), TaskState.OPEN,
        null, null, null, NOW.plusSeconds(86400), NOW, null, "https://www.linkedin.com/in/ana-silva-example"));
    assertThat(inbox.forWorkflow("wf-1")).hasSize(1);
  }

  @Test
  void titlesAndInstructionsAreRenderedForTheContact() {
    Contact zoe = new Contact("zoe", "zoe@globex.example", "Zoë", "O'Brien", "VP Ops", Role.CHAMPION, null, null, false);
    tasks.open(new TaskOpen("t-render", "wf-r", "globex", "Globex", "jane.doe", TaskType.CALL, "Call {{firstName}} at {{accountName}}",
        "Ask {{fullName}} ({{role}}) who else should see it", zoe, "call", null, 0, NOW, NOW, List.of(TaskOutcome.COMPLETED)));
    tasks.open(new TaskOpen("t-account", "wf-r", "globex", "Globex", "jane.doe", TaskType.DIRECT_MAIL, "Ship the book to {{accountName}}",
        null, null, "mail", null, 0, NOW, NOW, List.of(TaskOutcome.COMPLETED)));

    TaskRow rendered = inbox.find("t-render").orElseThrow();
    assertThat(rendered.title()).isEqualTo("Call Zoë at Globex");
    assertThat(rendered.instructions()).isEqualTo("Ask Zoë O'Brien (champion) who else should see it");
    assertThat(inbox.find("t-account").orElseThrow().title()).isEqualTo("Ship the book to Globex");
  }

  @Test
  void closesOnlyWhileOpen() {
    tasks.open(task("t-close", "sam", TaskType.LINKEDIN, 1));

    tasks.close(new TaskClose("t-close", TaskState.DONE, TaskOutcome.COMPLETED, "connected", "sam", NOW.plusSeconds(60)));
    tasks.close(new TaskClose("t-close", TaskState.EXPIRED, null, null, "workflow", NOW.plusSeconds(120)));

    TaskRow row = inbox.find("t-close").orElseThrow();
    assertThat(row.state()).isEqualTo(TaskState.DONE);
    assertThat(row.outcome()).isEqualTo(TaskOutcome.COMPLETED);
    assertThat(row.note()).isEqualTo("connected");
    assertThat(row.closedBy()).isEqualTo("sam");
    assertThat(row.closedAt()).isEqualTo(NOW.plusSeconds(60));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> tasks.close(new TaskClose("t-close", TaskState.OPEN, null, null, "x", NOW)));
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void inboxListsHotAccountAlertsFirstThenByDueDate() {
    tasks.open(task("late-call", "kim", TaskType.CALL, 5));
    tasks.open(task("soon-mail", "kim", TaskType.MANUAL_EMAIL, 1));
    tasks.open(task("hot-late", "kim", TaskType.HOT_ACCOUNT, 9));
    tasks.open(task("hot-soon", "kim", TaskType.HOT_ACCOUNT, 3));
    tasks.open(task("done", "kim", TaskType.CALL, 0));
    tasks.open(task("other-sdr", "lee", TaskType.HOT_ACCOUNT, 0));
    tasks.close(new TaskClose("done", TaskState.DONE, TaskOutcome.SKIPPED, null, "kim", NOW));

    assertThat(inbox.inbox("kim", true, 10, 0)).extracting(TaskRow::taskId)
        .containsExactly("hot-soon", "hot-late", "soon-mail", "late-call");
    assertThat(inbox.inbox("kim", false, 10, 0)).extracting(TaskRow::taskId)
        .containsExactly("hot-soon", "hot-late", "soon-mail", "late-call", "done");
    assertThat(inbox.inbox("kim", true, 2, 2)).extracting(TaskRow::taskId).containsExactly("soon-mail", "late-call");
    assertThat(inbox.inbox(null, true, 1, 0)).extracting(TaskRow::taskId).containsExactly("other-sdr");
    assertThat(inbox.countOpen("kim")).isEqualTo(4);
  }

  private static TaskOpen task(String id, String owner, TaskType type, int dueInDays) {
    return new TaskOpen(id, "wf-" + id, "acme", "Acme", owner, type, type.label(), null, null,
        type == TaskType.HOT_ACCOUNT ? "threshold:40" : "step-" + id, null, 40, NOW.plusSeconds(86400L * dueInDays),
        NOW, List.of(TaskOutcome.COMPLETED, TaskOutcome.SKIPPED));
  }
}
