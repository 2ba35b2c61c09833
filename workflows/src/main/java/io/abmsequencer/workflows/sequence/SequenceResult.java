package io.abmsequencer.workflows.sequence;

/**
 * How a sequence ended.
 *
 * @param handedOverTo workflow id of the expansion sequence a closed-won account moved into, or null
 */
public record SequenceResult(ExitReason reason, int score, int touches, String handedOverTo) {}
