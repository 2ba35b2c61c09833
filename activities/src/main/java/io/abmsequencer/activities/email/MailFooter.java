package io.abmsequencer.activities.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The footer under every e-mail (CAN-SPAM): the sender's physical postal address and a visible way
 * to unsubscribe. Built from {@code abm.mail.footer}, {@code {postalAddress}} and {@code
 * {unsubscribeUrl}} in it.
 *
 * <p>Production ({@code abm.embedded.enabled=false}) must name a real address: the application
 * does not start without {@code abm.mail.postal-address}. Elsewhere (embedded mode, tests) a demo
 * address stands in, with a warning.
 */
@Component
public class MailFooter {
  public static final String DEMO_POSTAL_ADDRESS = "ABM Sequencer demo · 1 Example Street · Springfield, USA";
  static final String POSTAL_ADDRESS = "{postalAddress}";
  static final String UNSUBSCRIBE_URL = "{unsubscribeUrl}";

  private static final Logger log = LoggerFactory.getLogger(MailFooter.class);

  private final String template;
  private final String postalAddress;

  public MailFooter(MailSettings settings, Environment environment) {
    String footer = settings.footer();
    if (!footer.contains(POSTAL_ADDRESS) || !footer.contains(UNSUBSCRIBE_URL)) {
      throw new IllegalStateException(
          "abm.mail.footer must contain " + POSTAL_ADDRESS + " and " + UNSUBSCRIBE_URL
              + ": every e-mail needs the sender's postal address and a visible unsubscribe link");
    }
    this.template = footer;
    if (settings.postalAddress() != null) {
      this.postalAddress = settings.postalAddress();
    } else if ("false".equalsIgnoreCase(environment.getProperty("abm.embedded.enabled", "").strip())) {
      throw new IllegalStateException(
          "abm.mail.postal-address is required when abm.embedded.enabled=false: the law (CAN-SPAM) wants"
              + " the sender's physical postal address in every commercial e-mail. Set it, e.g."
              + " abm.mail.postal-address=\"Acme Inc. · 1 Main Street · Springfield, IL 62701 · USA\".");
    } else {
      this.postalAddress = DEMO_POSTAL_ADDRESS;
      log.warn(
          "abm.mail.postal-address is not set: e-mails carry the demo address \"{}\". Set it before sending"
              + " real e-mail (it is required when abm.embedded.enabled=false).",
          DEMO_POSTAL_ADDRESS);
    }
  }

  public String postalAddress() {
    return postalAddress;
  }

  /** The footer as plain text, with this address and {@code unsubscribeUrl} filled in. */
  public String text(String unsubscribeUrl) {
    return template.replace(POSTAL_ADDRESS, postalAddress).replace(UNSUBSCRIBE_URL, unsubscribeUrl);
  }
}
