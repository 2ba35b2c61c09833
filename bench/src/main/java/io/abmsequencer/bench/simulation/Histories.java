package io.abmsequencer.bench.simulation;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Walks a workflow's chain of runs (continue-as-new) and counts what each history holds. */
public final class Histories {
  private Histories() {}

  /** One run's history: its length and how many events of each type. */
  public record Run(String runId, int events, Map<EventType, Integer> byType) {
    public int count(EventType type) {
      return byType.getOrDefault(type, 0);
    }
  }

  /** Every run of the chain, first to last. */
  public record Chain(List<Run> runs) {
    public int total() {
      return runs.stream().mapToInt(Run::events).sum();
    }

    public int maxEvents() {
      return runs.stream().mapToInt(Run::events).max().orElse(0);
    }

    public int count(EventType type) {
      return runs.stream().mapToInt(r -> r.count(type)).sum();
    }
  }

  public static Chain walk(WorkflowClient client, String workflowId, String firstRunId) {
    return walk(client, workflowId, firstRunId, events -> {});
  }

  /** As {@link #walk(WorkflowClient, String, String)}; {@code everyRun} gets each run's events. */
  public static Chain walk(WorkflowClient client, String workflowId, String firstRunId, java.util.function.Consumer<List<HistoryEvent>> everyRun) {
    List<Run> runs = new ArrayList<>();
    String runId = firstRunId;
    while (runId != null) {
      WorkflowExecutionHistory history = client.fetchHistory(workflowId, runId);
      everyRun.accept(history.getEvents());
      Run run = count(runId, history.getEvents());
      runs.add(run);
      runId = nextRunId(history.getEvents());
      if (runs.size() > 100_000) throw new IllegalStateException("a chain of more than 100,000 runs: a loop?");
    }
    return new Chain(runs);
  }

  public static Run count(String runId, List<HistoryEvent> events) {
    Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
    for (HistoryEvent e : events) byType.merge(e.getEventType(), 1, Integer::sum);
    return new Run(runId, events.size(), byType);
  }

  static String nextRunId(List<HistoryEvent> events) {
    if (events.isEmpty()) return null;
    HistoryEvent last = events.get(events.size() - 1);
    if (last.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) return null;
    return last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
  }
}
