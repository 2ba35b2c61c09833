package io.abmsequencer.activities.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/** A GreenMail SMTP server for a test class, and reading back what it received. */
final class TestSmtp {
  private TestSmtp() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GreenMail start(int port) {
    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return greenMail;
  }

  /** The messages the server received from {@code sender}, in order. */
  static List<MimeMessage> from(GreenMail smtp, String sender) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> {
          try {
            return ((InternetAddress) m.getFrom()[0]).getAddress().equalsIgnoreCase(sender);
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  /** The text/plain part, with CRLF as LF. */
  static String text(MimeMessage message) throws Exception {
    return part(message, 0);
  }

  /** The text/html part, with CRLF as LF. */
  static String html(MimeMessage message) throws Exception {
    return part(message, 1);
  }

  private static String part(MimeMessage message, int index) throws Exception {
    MimeMultipart parts = (MimeMultipart) message.getContent();
    return ((String) parts.getBodyPart(index).getContent()).replace("\r\n", "\n");
  }
}
