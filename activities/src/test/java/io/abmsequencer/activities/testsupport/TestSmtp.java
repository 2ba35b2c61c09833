package io.abmsequencer.activities.testsupport;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) for a test class, on a free loopback port, running from the moment
 * the class loads, so that its port is known when Spring reads the properties:
 *
 * <pre>
 * &#64;RegisterExtension static final TestSmtp smtp = TestSmtp.onFreePort();
 *
 * &#64;DynamicPropertySource
 * static void mail(DynamicPropertyRegistry registry) {
 *   smtp.register(registry);
 * }
 * </pre>
 *
 * Registered as an extension it empties the mailboxes before each test and stops after the class.
 * A test may {@link #stop()} it (an outage) and {@link #start()} it again on the same port. Without
 * the extension (a rig of its own) the owner stops it.
 */
public final class TestSmtp extends GreenMail implements BeforeEachCallback, AfterAllCallback {
  private final int port;

  private TestSmtp(int port) {
    super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    this.port = port;
  }

  /** A started server on a free port. */
  public static TestSmtp onFreePort() {
    TestSmtp smtp = new TestSmtp(TestPorts.free());
    smtp.start();
    return smtp;
  }

  public int port() {
    return port;
  }

  /** Points {@code spring.mail.host} and {@code spring.mail.port} at this server. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    purgeEmailFromAllMailboxes();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** The messages the server received from {@code sender}, in order. */
  public List<MimeMessage> from(String sender) {
    return Arrays.stream(getReceivedMessages())
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
  public static String text(MimeMessage message) throws Exception {
    return part(message, 0);
  }

  /** The text/html part, with CRLF as LF. */
  public static String html(MimeMessage message) throws Exception {
    return part(message, 1);
  }

  private static String part(MimeMessage message, int index) throws Exception {
    MimeMultipart parts = (MimeMultipart) message.getContent();
    return ((String) parts.getBodyPart(index).getContent()).replace("\r\n", "\n");
  }
}
