package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.testsupport.ScriptedSmtpServer;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sends through a real SMTP peer that leaves the first message's end of DATA unanswered until the
 * test releases it: that send stays inside its SMTP transaction (holding its lease and its send
 * slot) while the test does what it needs around it.
 */
abstract class HeldTransactionTest extends DatabaseTest {
  @Autowired SmtpEmailChannel channel;
  @Autowired Ledger ledger;

  final ExecutorService threads = Executors.newCachedThreadPool();
  final CountDownLatch release = new CountDownLatch(1);
  ScriptedSmtpServer server;
  /** The channel, talking to {@link #server}. */
  SmtpEmailChannel held;

  @BeforeEach
  void startServer() throws Exception {
    server = ScriptedSmtpServer.holdingTheFirstMessage(release);
    held = channel.through(SmtpRefusalsTest.sender(server, null));
  }

  @AfterEach
  void stopServer() throws Exception {
    release.countDown();
    threads.shutdownNow();
    server.close();
  }

  /** Sends {@code touch} on another thread and returns once the server holds it at the end of DATA. */
  Future<TouchResult> sendAndHold(EmailTouch touch) throws InterruptedException {
    Future<TouchResult> sending = threads.submit(() -> held.send(touch));
    assertThat(server.awaitHeld(30)).as("the send reached the end of DATA").isTrue();
    return sending;
  }

  static EmailTouch touch(String step, String name) {
    Contact contact = new Contact(name, name + "@acme.example", name, "Test", "CFO", Role.CHAMPION, null, "Europe/Berlin", false);
    return new EmailTouch(new TouchKey("abm-new-logo-acme", "enterprise@1/" + step, name),
        new Account("acme", "Acme", "acme.example", "Fintech"), contact, "jane", "Hello", "Body");
  }
}
