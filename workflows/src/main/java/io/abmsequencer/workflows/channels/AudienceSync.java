package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.account.Contact;
import java.util.List;

/**
 * Adds or removes contacts of one account to / from a named audience.
 *
 * @param key idempotency key; its contactId is {@code "*"} (the whole step)
 */
public record AudienceSync(
    TouchKey key,
    String accountId,
    String audience,
    List<AdPlatform> platforms,
    AudienceAction action,
    List<Contact> contacts) {}
