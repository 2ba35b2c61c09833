package io.abmsequencer.starter.outbox;

import io.abmsequencer.activities.ads.AdsSettings;
import io.abmsequencer.activities.email.MailComposer;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.sms.SmsSettings;
import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.abmsequencer.workflows.channels.TouchKey;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * What went out, or would have: the ledger per channel, newest first, and one e-mail as its
 * recipient got it — the very message the embedded SMTP server received when there is one, else
 * rebuilt from what the ledger kept.
 */
@Service
class Outbox {

  /** One page of a channel. */
  record Page(Channel channel, List<TouchRow> rows, int page, int size, boolean hasNext) {

    /** The touch's page: {@code /outbox/} and its key, each part encoded but the key's own slashes kept. */
    public String href(TouchRow touch) {
      return "/outbox/" + Arrays.stream(touch.touchKey().split("/", -1))
          .map(part -> UriUtils.encodePathSegment(part, StandardCharsets.UTF_8))
          .collect(Collectors.joining("/"));
    }
  }

  private final TouchQueries ledger;
  private final ObjectProvider<EmbeddedMailServer> embeddedMail;
  private final ObjectProvider<MailComposer> composer;
  private final List<Channel> live;

  Outbox(TouchQueries ledger, ObjectProvider<EmbeddedMailServer> embeddedMail, ObjectProvider<MailComposer> composer,
      EmbeddedMode embedded, SmsSettings sms, AdsSettings ads) {
    this.ledger = ledger;
    this.embeddedMail = embeddedMail;
    this.composer = composer;
    List<Channel> live = new ArrayList<>();
    // The embedded SMTP server keeps every message to itself; any other SMTP server reaches real inboxes.
    if (!embedded.smtpEmbedded()) live.add(Channel.EMAIL);
    if (sms.live()) live.add(Channel.SMS);
    if (ads.live()) live.add(Channel.ADS);
    this.live = List.copyOf(live);
  }

  /** Channels whose touches reach real people (or platforms); empty when everything stays here. */
  List<Channel> liveChannels() {
    return live;
  }

  Page page(Channel channel, int page, int size) {
    List<TouchRow> rows = ledger.recent(channel, size + 1, page * size);
    boolean more = rows.size() > size;
    return new Page(channel, more ? rows.subList(0, size) : rows, page, size, more);
  }

  /**
   * One touch with what its recipient saw. Empty for a key that is not in the ledger.
   *
   * @param touchKey {@code workflowId/stepKey/contactId}; the step key has a slash of its own
   */
  Optional<RenderedEmail> email(String touchKey) {
    return parse(touchKey).flatMap(ledger::find).map(this::render);
  }

  static Optional<TouchKey> parse(String touchKey) {
    if (touchKey == null) return Optional.empty();
    String key = touchKey.startsWith("/") ? touchKey.substring(1) : touchKey;
    int first = key.indexOf('/');
    int last = key.lastIndexOf('/');
    if (first <= 0 || last <= first + 1 || last == key.length() - 1) return Optional.empty();
    return Optional.of(new TouchKey(key.substring(0, first), key.substring(first + 1, last), key.substring(last + 1)));
  }

  private RenderedEmail render(TouchRow touch) {
    Optional<MimeMessage> received = received(touch.messageId());
    if (received.isPresent()) {
      try {
        return RenderedEmail.of(touch, received.get());
      } catch (MessagingException | java.io.IOException e) {
        // An unreadable copy is no reason to show nothing: fall back to what the ledger kept.
      }
    }
    MailComposer mail = touch.channel() == Channel.EMAIL ? composer.getIfAvailable() : null;
    TouchKey key = new TouchKey(touch.workflowId(), touch.stepKey(), touch.contactId());
    String html = mail == null || touch.body() == null ? null : mail.html(key, touch.body(), false);
    String unsubscribe = mail == null ? null : mail.listUnsubscribe(touch.contactId());
    return RenderedEmail.fromLedger(touch, html, unsubscribe);
  }

  private Optional<MimeMessage> received(String messageId) {
    EmbeddedMailServer server = embeddedMail.getIfAvailable();
    if (server == null || messageId == null) return Optional.empty();
    String wanted = bare(messageId);
    for (MimeMessage message : server.received()) {
      try {
        if (wanted.equals(bare(message.getMessageID()))) return Optional.of(message);
      } catch (MessagingException e) {
        // A message without a readable Message-ID is not the one.
      }
    }
    return Optional.empty();
  }

  private static String bare(String messageId) {
    if (messageId == null) return "";
    String id = messageId.trim();
    if (id.startsWith("<") && id.endsWith(">")) id = id.substring(1, id.length() - 1);
    return id;
  }
}
