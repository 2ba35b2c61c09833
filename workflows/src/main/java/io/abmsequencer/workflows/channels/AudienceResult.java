package io.abmsequencer.workflows.channels;

/**
 * @param members contacts added or removed
 * @param status DRY_RUN while the ad platforms run dry, SENT when synced
 */
public record AudienceResult(int members, TouchStatus status, String detail) {}
