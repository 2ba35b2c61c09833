package io.abmsequencer.workflows.digest;

/**
 * @param sent false when there was nothing to report (no digest e-mail for an empty week) or it went out before
 * @param summary plain words, e.g. "3 advanced, 2 stalled, 1 review waiting, 1 new hot account"
 */
public record DigestResult(boolean sent, String summary) {}
