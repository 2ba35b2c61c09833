package io.abmsequencer.bench.actions;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Temporal Cloud's billable actions, counted from a workflow's history events as Temporal's "Temporal
 * Cloud Actions" page maps them (docs.temporal.io/cloud/actions, read 2026-12-07): a workflow start
 * (client start, continue-as-new, child), each search-attribute upsert command (attributes given at
 * start are free), each activity scheduled and each retry, all markers of one workflow task (local
 * activities, version markers) as one, each timer started, each signal received, each update
 * accepted, a child workflow initiated as two. Not in history, so not counted here: queries (one
 * each, also the UI's stack trace), rejected updates, activity heartbeats that reach the server.
 */
public final class Actions {
  private Actions() {}

  /** Kind of action → count, in a fixed order. */
  public static Map<String, Integer> count(List<HistoryEvent> events) {
    Map<String, Integer> byKind = new LinkedHashMap<>();
    for (String kind : KINDS) byKind.put(kind, 0);
    Set<Long> tasksWithMarkers = new HashSet<>();
    for (HistoryEvent e : events) {
      EventType type = e.getEventType();
      switch (type) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> add(byKind, STARTS, 1);
        case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> add(byKind, UPSERTS, 1);
        case EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED -> add(byKind, MEMO, 1);
        case EVENT_TYPE_WORKFLOW_EXECUTION_OPTIONS_UPDATED -> add(byKind, OPTIONS, 1);
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> add(byKind, ACTIVITIES, 1);
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> add(byKind, RETRIES, Math.max(0, e.getActivityTaskStartedEventAttributes().getAttempt() - 1));
        case EVENT_TYPE_MARKER_RECORDED -> {
          if (tasksWithMarkers.add(e.getMarkerRecordedEventAttributes().getWorkflowTaskCompletedEventId())) add(byKind, MARKERS, 1);
        }
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> add(byKind, RETRIES,
            e.getWorkflowTaskCompletedEventAttributes().getMeteringMetadata().getNonfirstLocalActivityExecutionAttempts());
        case EVENT_TYPE_TIMER_STARTED -> add(byKind, TIMERS, 1);
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> add(byKind, SIGNALS, 1);
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> add(byKind, UPDATES, 1);
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> add(byKind, CHILDREN, 2);
        case EVENT_TYPE_NEXUS_OPERATION_SCHEDULED, EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED -> add(byKind, NEXUS, 1);
        default -> {}
      }
    }
    return byKind;
  }

  public static int total(Map<String, Integer> byKind) {
    return byKind.values().stream().mapToInt(Integer::intValue).sum();
  }

  public static final String STARTS = "workflow started (start, continue-as-new)";
  public static final String ACTIVITIES = "activities scheduled";
  public static final String RETRIES = "activity retries (regular and local)";
  public static final String MARKERS = "workflow tasks with markers (local activities, versions)";
  public static final String TIMERS = "timers started";
  public static final String UPSERTS = "search-attribute upserts";
  public static final String MEMO = "memo updates (workflow properties modified)";
  public static final String OPTIONS = "workflow options updated";
  public static final String SIGNALS = "signals";
  public static final String UPDATES = "updates accepted";
  public static final String CHILDREN = "child workflows (2 each)";
  public static final String NEXUS = "Nexus operations";

  static final List<String> KINDS =
      List.of(STARTS, ACTIVITIES, RETRIES, MARKERS, TIMERS, UPSERTS, MEMO, OPTIONS, SIGNALS, UPDATES, CHILDREN, NEXUS);

  private static void add(Map<String, Integer> byKind, String kind, int n) {
    byKind.merge(kind, n, Integer::sum);
  }
}
