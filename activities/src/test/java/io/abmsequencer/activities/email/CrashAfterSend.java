package io.abmsequencer.activities.email;

import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Really sends through the real sender, then throws, {@code crashes} times: the SMTP server has
 * accepted the message and the worker dies before the ledger records it. Test code around a real
 * peer, not a mock: the message does reach the server.
 */
final class CrashAfterSend implements JavaMailSender {
  static final class WorkerDied extends RuntimeException {
    WorkerDied() {
      super("the worker died after the SMTP server accepted the message");
    }
  }

  private final JavaMailSender delegate;
  private final AtomicInteger crashes;

  CrashAfterSend(JavaMailSender delegate, int crashes) {
    this.delegate = delegate;
    this.crashes = new AtomicInteger(crashes);
  }

  @Override
  public MimeMessage createMimeMessage() {
    return delegate.createMimeMessage();
  }

  @Override
  public MimeMessage createMimeMessage(InputStream contentStream) {
    return delegate.createMimeMessage(contentStream);
  }

  @Override
  public void send(MimeMessage... mimeMessages) {
    delegate.send(mimeMessages);
    if (crashes.getAndDecrement() > 0) throw new WorkerDied();
  }

  @Override
  public void send(SimpleMailMessage... simpleMessages) {
    throw new UnsupportedOperationException("the channel sends MIME messages only");
  }
}
