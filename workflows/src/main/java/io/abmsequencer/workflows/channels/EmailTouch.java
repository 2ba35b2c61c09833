package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.sequence.Account;
import io.abmsequencer.workflows.sequence.Contact;

/**
 * One e-mail to one contact. The templates are rendered by the channel ({{firstName}},
 * {{accountName}}, ...), so the workflow history holds templates, not personalised copies.
 *
 * @param owner the account owner whose sender identity the e-mail goes out under
 */
public record EmailTouch(
    TouchKey key, Account account, Contact contact, String owner, String subject, String body) {}
