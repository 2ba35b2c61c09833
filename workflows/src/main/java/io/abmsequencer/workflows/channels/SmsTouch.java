package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;

/** One text message to one contact; the body template is rendered by the channel. */
public record SmsTouch(TouchKey key, Account account, Contact contact, String owner, String body) {}
