package io.abmsequencer.starter.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/** The MIME fixtures under {@code src/test/resources/inbound/}, and small messages built in code. */
final class Fixtures {

  /** Our e-mail to zoe@globex.example. */
  static final String TOUCH_ZOE_ID = "<5d41402abc4b2a76b9719d911017c592@yourco.example>";
  /** Our e-mail to noah@globex.example (the qmail bounce returns it). */
  static final String TOUCH_NOAH_ID = "<7d793037a0760186574b0282f2f435e7@yourco.example>";
  /** Our e-mail to gone@globex.example, which the Gmail and Exim bounces return. */
  static final String TOUCH_GONE_ID = "<9b1e4c7a2f0d4e6b8a3c5d7e9f1a2b3c@yourco.example>";
  /** Our e-mail to nobody@globex.example, which the Postfix bounce returns. */
  static final String TOUCH_NOBODY_ID = "<3c6e0b8a6d2f4c1e9a7b5d3f1e0c2a4b@yourco.example>";

  private static final Session SESSION = Session.getInstance(new Properties());

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/inbound/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture, with literal replacements applied to its text first (e.g. another From line). */
  static MimeMessage mime(String name, Map<String, String> replacements) {
    String text = text(name);
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      if (!text.contains(replacement.getKey())) throw new IllegalArgumentException(name + " has no " + replacement.getKey());
      text = text.replace(replacement.getKey(), replacement.getValue());
    }
    return parse(text);
  }

  static MimeMessage mime(String name) {
    return mime(name, Map.of());
  }

  static MimeMessage parse(String raw) {
    try {
      return new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static InboundMessage inbound(MimeMessage mime) {
    return InboundMessage.of(mime, Instant.parse("2026-12-21T10:00:00Z"));
  }

  static InboundMessage inbound(String name) {
    return inbound(mime(name));
  }

  /** An RFC 2047 encoded word, for non-ASCII header values in {@link #simple}. */
  static String encoded(String value) {
    try {
      return jakarta.mail.internet.MimeUtility.encodeText(value, "UTF-8", "Q");
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain-text message: headers as given (one per line), then the body. */
  static MimeMessage simple(String headers, String body) {
    return parse(headers.strip() + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body);
  }
}
