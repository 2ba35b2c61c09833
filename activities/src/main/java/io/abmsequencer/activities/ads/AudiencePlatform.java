package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.ads.PendingChanges.Change;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ad platform's audience API, behind one call: a batch of changes in, what became of them out.
 * Provider errors are translated here, once: nothing a platform says leaves as an exception.
 */
interface AudiencePlatform {

  AdPlatform platform();

  /** At most this many members per request (the platform's documented limit). */
  int batchLimit();

  /** Adds or removes the members ({@code changes.size() <= batchLimit()}) in one request. */
  Outcome send(String audience, AudienceAction action, List<Change> changes);

  /** What became of a batch. */
  sealed interface Outcome {}

  /**
   * The platform took the batch, except {@code refused} (contact id → the platform's words, not to
   * be retried) and {@code retry} (contact ids to send again later, e.g. an element-level 5xx).
   */
  record Accepted(Map<String, String> refused, Set<String> retry) implements Outcome {
    static Accepted all() {
      return new Accepted(Map.of(), Set.of());
    }
  }

  /**
   * Not now: 429, 5xx, an I/O error, or a resource that is not ready yet.
   *
   * @param notBefore when the platform said to come back (Retry-After); null: back off
   * @param code the provider-error counter's code, e.g. {@code LINKEDIN_429}; null when it is no
   *     error (waiting for a new segment)
   * @param platformBusy true when every request to this platform should wait (rate limit, outage)
   */
  record RetryLater(Instant notBefore, String code, String reason, boolean platformBusy) implements Outcome {}

  /** Refused for good (401, 403, 400, a missing setting): retrying cannot help. */
  record Refused(String code, String message) implements Outcome {}
}
