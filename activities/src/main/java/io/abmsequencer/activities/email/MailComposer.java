package io.abmsequencer.activities.email;

import io.abmsequencer.activities.email.LinkTokens.Click;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What goes into an e-mail besides the playbook's copy: tracked links, the open pixel, the footer
 * and the unsubscribe headers. Everything here is a function of the touch (its key, rendered copy
 * and tracking flags) and the configuration, so a re-send carries the same content as the first
 * copy.
 */
@Component
public class MailComposer {
  /** RFC 8058: a POST to the List-Unsubscribe URL with this body unsubscribes, no page in between. */
  public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private static final Logger log = LoggerFactory.getLogger(MailComposer.class);

  private final LinkTokens links;
  private final MailFooter footer;
  private final String unsubscribeMailbox;

  public MailComposer(LinkTokens links, MailFooter footer, MailSettings settings, Environment environment) {
    this.links = links;
    this.footer = footer;
    this.unsubscribeMailbox = settings.unsubscribeMailbox();
    if (!links.publicUrl().toLowerCase(Locale.ROOT).startsWith("https://")
        && "false".equalsIgnoreCase(environment.getProperty("abm.embedded.enabled", "").strip())) {
      log.warn(
          "abm.public-url is {}: mailbox providers honour one-click unsubscribe (RFC 8058) only for https"
              + " links. Set abm.public-url to the https address the starter is reached at.",
          links.publicUrl());
    }
  }

  /**
   * The text part as sent, and as the ledger keeps it: the rendered body — each http(s) URL in it
   * replaced by its signed click redirect when the touch tracks clicks — then the footer with the
   * postal address and the contact's unsubscribe link (never tracked).
   */
  public String text(EmailTouch touch, String renderedBody) {
    String body = renderedBody == null ? "" : renderedBody.stripTrailing();
    if (touch.trackClicks()) {
      TouchKey key = touch.key();
      body = EmailContent.rewriteUrls(body, url -> links.isOwnLink(url) ? url : links.clickUrl(key, url));
    }
    return body + "\n\n" + footer.text(links.unsubscribeUrl(touch.key().contactId()));
  }

  /**
   * The HTML part for a text part as sent ({@link #text}): escaped, every URL a link; a tracked link
   * points at its redirect and shows its original target; with {@code trackOpens}, the open pixel
   * last.
   */
  public String html(TouchKey key, String sentText, boolean trackOpens) {
    return EmailContent.html(sentText, this::shownAs, trackOpens ? links.openPixelUrl(key) : null);
  }

  /** The touch's Message-ID at the sender's domain: {@link LinkTokens#messageId}. */
  public String messageId(TouchKey key, String domain) {
    return links.messageId(key, domain);
  }

  /** {@code List-Unsubscribe} (RFC 2369 / 8058): the one-click https link, then the mailbox. */
  public String listUnsubscribe(String contactId) {
    String token = links.unsubscribeToken(contactId);
    String subject = URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20");
    return "<" + links.unsubscribeUrl(contactId) + ">, <mailto:" + unsubscribeMailbox + "?subject=" + subject + ">";
  }

  private String shownAs(String url) {
    return links.clickTokenOf(url).flatMap(links::verifyClick).map(Click::url).orElse(url);
  }
}
