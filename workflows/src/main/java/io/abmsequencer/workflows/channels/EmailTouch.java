package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;

/**
 * One e-mail to one contact. The templates are rendered by the channel ({{firstName}},
 * {{accountName}}, ...), so the workflow history holds templates, not personalised copies.
 *
 * @param owner the account owner whose sender identity the e-mail goes out under
 * @param trackClicks rewrite links to signed redirects that record an EMAIL_CLICK
 * @param trackOpens add an open-tracking pixel (off by default: opens are unreliable)
 */
public record EmailTouch(
    TouchKey key, Account account, Contact contact, String owner, String subject, String body, boolean trackClicks, boolean trackOpens) {

  public EmailTouch(TouchKey key, Account account, Contact contact, String owner, String subject, String body) {
    this(key, account, contact, owner, subject, body, true, false);
  }
}
