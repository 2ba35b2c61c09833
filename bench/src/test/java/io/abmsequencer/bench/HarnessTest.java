package io.abmsequencer.bench;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.bench.actions.Actions;
import io.abmsequencer.bench.launch.TargetList;
import io.abmsequencer.bench.recovery.RecoveryBench;
import io.abmsequencer.bench.support.Servers;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import io.abmsequencer.bench.simulation.Histories;
import io.abmsequencer.bench.simulation.RawLoopWorkflow;
import io.abmsequencer.bench.simulation.TimeSkippingEnv;
import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The harness counts and formats what it measures correctly. No timing is asserted anywhere. */
class HarnessTest {

  @Test
  void theRawLoopRunsExactlyThePlannedActivitiesAndTimersAndTheWalkCountsThem() {
    try (TimeSkippingEnv env = new TimeSkippingEnv()) {
      RawLoopWorkflow loop = env.startRaw("raw-test", new RawLoopWorkflow.Plan(7, 3, Duration.ofDays(90).toMillis()));
      WorkflowStub stub = WorkflowStub.fromTyped(loop);
      assertThat(stub.getResult(Integer.class)).isEqualTo(10);
      Histories.Chain chain = Histories.walk(env.client, "raw-test", stub.getExecution().getRunId());
      assertThat(chain.runs()).hasSize(1);
      assertThat(chain.count(EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(7);
      assertThat(chain.count(EVENT_TYPE_TIMER_STARTED)).isEqualTo(3);
      assertThat(chain.total()).isEqualTo(chain.maxEvents()).isEqualTo(env.client.fetchHistory("raw-test").getEvents().size());
      assertThat(env.noop.calls).hasValue(7);
    }
  }

  @Test
  void theTargetListHasTwoRowsPerAccountAndAZoneWhereItIsNight() {
    String csv = TargetList.csv("acct", 3, "Etc/GMT+5");
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo(TargetList.HEADER);
    assertThat(lines).hasSize(1 + 2 * 3);
    assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(13));
    Set<String> accounts = lines.stream().skip(1).map(l -> l.split(",")[0]).collect(Collectors.toSet());
    assertThat(accounts).containsExactlyInAnyOrder("acct-00001", "acct-00002", "acct-00003");

    for (int hour = 0; hour < 24; hour++) {
      Instant now = Instant.parse("2027-03-10T00:30:00Z").plus(Duration.ofHours(hour));
      assertThat(now.atZone(ZoneId.of(TargetList.nightZone(now))).getHour()).as("UTC hour %d", hour).isEqualTo(2);
    }
  }

  @Test
  void tablesJudgeAndFormatRatios() {
    String md = new Table("t", "what", "ratio", "result")
        .row("baseline", "1.00", "")
        .row("product", Table.ratio(0.8049), Table.atLeast(0.8049, 0.8))
        .note("n = %,d", 5000)
        .markdown();
    assertThat(md).contains("| product | 0.80 | PASS |").contains("- n = 5,000").contains("|---|---|---|");
    assertThat(Table.atMost(2.01, 2.0)).isEqualTo("MISS");
    assertThat(Table.below(50, 50)).isEqualTo("MISS");
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @Test
  void argumentsNameBenchmarksAndOptions() {
    Args args = new Args("launch", "send", "--size=1,000", "--reps=3");
    assertThat(args.names()).containsExactly("launch", "send");
    assertThat(args.intOption("size", 5000)).isEqualTo(1000);
    assertThat(args.intOption("events", 10000)).isEqualTo(10000);
    assertThat(Bench.BENCHMARKS).containsKeys("preview", "launch", "simulation", "history", "footprint", "send", "list", "actions", "recovery", "badinput");
  }

  @Test
  void launchAndFootprintRunOncePerServerBothByDefault() {
    assertThat(Servers.selected(new Args("launch"))).containsExactly(Servers.Kind.DEV, Servers.Kind.IN_MEMORY);
    assertThat(Servers.selected(new Args("launch", "--server=in-memory"))).containsExactly(Servers.Kind.IN_MEMORY);
    assertThat(Servers.one(new Args("--server=dev"))).isEqualTo(Servers.Kind.DEV);
    assertThatThrownBy(() -> Servers.selected(new Args("--server=docker"))).hasMessageContaining("dev, in-memory or both");
    assertThat(Servers.withServer(List.of("--size=10", "--server=both"), Servers.Kind.DEV)).containsExactly("--size=10", "--server=dev");
    assertThat(Bench.benchmarkOf("launch-in-memory")).isEqualTo("launch");
    assertThat(Bench.benchmarkOf("footprint-dev")).isEqualTo("footprint");
    assertThat(Bench.benchmarkOf("recovery")).isEqualTo("recovery");
  }

  @Test
  void actionsAreCountedAsTemporalCloudBillsThem() throws Exception {
    try (TimeSkippingEnv env = new TimeSkippingEnv()) {
      WorkflowStub.fromTyped(env.startRaw("raw-actions", new RawLoopWorkflow.Plan(7, 3, Duration.ofDays(90).toMillis()))).getResult(Integer.class);
      Map<String, Integer> raw = Actions.count(env.client.fetchHistory("raw-actions").getEvents());
      assertThat(Actions.total(raw)).isEqualTo(1 + 7 + 3);
    }
    // The 18-month history recorded before "records-when-waiting": 1 start, 84 activities, its two version markers in one
    // workflow task, 20 timers, 54 upserts, 1 signal and 8 updates.
    Map<String, Integer> before = Actions.count(WorkflowExecutionHistory.fromJson(
        Files.readString(Path.of("../workflows/src/test/resources/histories/tier1-18-months-completed-v2.json"))).getEvents());
    assertThat(before).containsEntry(Actions.STARTS, 1).containsEntry(Actions.ACTIVITIES, 84).containsEntry(Actions.MARKERS, 1)
        .containsEntry(Actions.TIMERS, 20).containsEntry(Actions.UPSERTS, 54).containsEntry(Actions.SIGNALS, 1)
        .containsEntry(Actions.UPDATES, 8).containsEntry(Actions.RETRIES, 0);
    assertThat(Actions.total(before)).isEqualTo(169);
  }

  @Test
  void theRecoveryPlaybooksParseAndTheirTouchFallsDueAtTheChosenMinute() {
    Playbook due = PlaybookParser.parse(RecoveryBench.duePlaybook(Instant.parse("2027-03-10T14:37:00Z")));
    assertThat(due.calendar().sendWindow().startMinute()).isEqualTo(14 * 60 + 37);
    assertThat(PlaybookParser.parse(RecoveryBench.tasksPlaybook()).steps()).hasSize(3);
    List<String> lines = RecoveryBench.csv("rd", 3).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo(TargetList.HEADER);
    assertThat(lines.get(3)).startsWith("rd-00003,").endsWith(",CHAMPION,,UTC");
  }
}
