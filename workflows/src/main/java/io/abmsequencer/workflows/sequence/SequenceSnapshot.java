package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import java.time.Instant;
import java.util.List;

/**
 * One row of the read model the console and API list and filter.
 *
 * @param contacts the committee; sent with the first snapshot of a run and when it changes, else null
 * @param nextTouchAt when the next touch is planned, or null
 * @param exitReason null while running
 */
public record SequenceSnapshot(
    String workflowId,
    Account account,
    Motion motion,
    Tier tier,
    String playbookId,
    int playbookVersion,
    String owner,
    SequenceStatusCode status,
    String currentStep,
    String nextTouch,
    Instant nextTouchAt,
    int score,
    int touches,
    ExitReason exitReason,
    String launchId,
    Instant startedAt,
    Instant updatedAt,
    List<Contact> contacts) {}
