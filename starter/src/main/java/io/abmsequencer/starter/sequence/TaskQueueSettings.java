package io.abmsequencer.starter.sequence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code abm.task-queue}: the Temporal task queue sequences and digests are started on (the worker polls it). */
@ConfigurationProperties("abm")
public record TaskQueueSettings(@DefaultValue("abm-sequences") String taskQueue) {
  public TaskQueueSettings {
    if (taskQueue == null || taskQueue.isBlank() || !taskQueue.equals(taskQueue.strip())) {
      throw new IllegalArgumentException("abm.task-queue must be a task queue name such as abm-sequences (was '" + taskQueue + "')");
    }
  }
}
