package io.abmsequencer.workflows.sequence;

/**
 * A contact opted out or became unreachable on a channel.
 *
 * @param channel EMAIL, SMS or ALL
 * @param reason e.g. UNSUBSCRIBED, HARD_BOUNCE, SMS_STOP
 */
public record OptOut(String contactId, String channel, String reason) {}
