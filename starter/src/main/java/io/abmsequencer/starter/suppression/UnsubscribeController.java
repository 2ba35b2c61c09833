package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.email.LinkTokens;
import io.abmsequencer.activities.suppression.SuppressionReason;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of every e-mail. RFC 8058 one-click: a POST to the link unsubscribes at
 * once, with no login and no confirmation page (mail providers send it for the user); a GET — a
 * person clicking the footer link — shows a page with one button. The token is signed and names
 * the contact, so it cannot be forged or used for anyone else.
 */
@RestController
class UnsubscribeController {
  private final LinkTokens tokens;
  private final ConsentService consent;

  UnsubscribeController(LinkTokens tokens, ConsentService consent) {
    this.tokens = tokens;
    this.consent = consent;
  }

  @GetMapping(value = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> confirm(@PathVariable String token) {
    Optional<String> email = email(token);
    if (email.isEmpty()) return invalid();
    return page(HttpStatus.OK, "Unsubscribe",
        "<p>Stop all e-mails to <strong>" + HtmlUtils.htmlEscape(mask(email.get())) + "</strong>?</p>"
            + "<form method=\"post\" action=\"/u/" + HtmlUtils.htmlEscape(token) + "\">"
            + "<button type=\"submit\">Unsubscribe</button></form>");
  }

  @PostMapping(value = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> unsubscribe(@PathVariable String token) {
    Optional<String> email = email(token);
    if (email.isEmpty()) return invalid();
    consent.optOutEmail(email.get(), SuppressionReason.UNSUBSCRIBED, "unsubscribe link", "recipient");
    return page(HttpStatus.OK, "You are unsubscribed",
        "<p>" + HtmlUtils.htmlEscape(mask(email.get())) + " will get no more e-mails from us.</p>");
  }

  private Optional<String> email(String token) {
    return tokens.verifyUnsubscribe(token).map(consent::emailOf);
  }

  private static ResponseEntity<String> invalid() {
    return page(HttpStatus.BAD_REQUEST, "This link is not valid",
        "<p>This unsubscribe link is not valid or was changed. Use the link in the e-mail as it is, or reply with"
            + " \"unsubscribe\".</p>");
  }

  /** "zoe.obrien@globex.example" → "z*******@globex.example": enough to recognise, not to harvest. */
  static String mask(String email) {
    int at = email.indexOf('@');
    if (at <= 1) return email;
    return email.charAt(0) + "*".repeat(at - 1) + email.substring(at);
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
        + " content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}"
        + "button{font-size:1rem;padding:.6rem 1.2rem}</style></head><body><h1>" + title + "</h1>" + body + "</body></html>";
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store").body(html);
  }
}
