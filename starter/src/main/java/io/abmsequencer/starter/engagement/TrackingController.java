package io.abmsequencer.starter.engagement;

import io.abmsequencer.activities.email.LinkTokens;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.channels.TouchKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tracked links and the optional open pixel. A click is recorded as EMAIL_CLICK (once per link per
 * e-mail: link scanners and double clicks don't inflate the score) and redirected to the signed
 * target; an unsigned or tampered link gets 400 and never redirects (no open redirect). The open
 * pixel answers every request with the 1×1 GIF and records an open only for a genuine token: a mail
 * client shows an error answer as a broken image in the reader's e-mail, and the image tells nobody
 * anything either way.
 */
@RestController
class TrackingController {
  private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final LinkTokens tokens;
  private final Ledger ledger;
  private final EngagementService engagement;

  TrackingController(LinkTokens tokens, Ledger ledger, EngagementService engagement) {
    this.tokens = tokens;
    this.ledger = ledger;
    this.engagement = engagement;
  }

  @GetMapping("/t/{token}")
  ResponseEntity<String> click(@PathVariable String token) {
    Optional<LinkTokens.Click> click = tokens.verifyClick(token);
    if (click.isEmpty()) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
          .body("This link is not valid or was changed; it does not lead anywhere.");
    }
    LinkTokens.Click c = click.get();
    record(c.key(), "EMAIL_CLICK", "click-" + digest(c.key().value() + "|" + c.url()));
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(c.url())).header("Cache-Control", "no-store").build();
  }

  /** The pixel, always; an open is recorded only for a genuine token (a forged, changed or stale one records nothing). */
  @GetMapping("/o/{token}.gif")
  ResponseEntity<byte[]> open(@PathVariable String token) {
    tokens.verifyOpen(token).ifPresent(key -> record(key, "EMAIL_OPEN", "open-" + digest(key.value())));
    return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).header("Cache-Control", "no-store").body(PIXEL);
  }

  private void record(TouchKey key, String type, String eventId) {
    Optional<TouchRow> touch = ledger.find(key);
    if (touch.isEmpty()) return; // signed by us but never sent (e.g. a test message): nothing to score
    engagement.receive(new EngagementService.Event(eventId, touch.get().accountId(), touch.get().recipient(), type, Instant.now()));
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
