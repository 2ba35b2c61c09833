package io.abmsequencer.activities.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny real SMTP server on a loopback socket that does what GreenMail will not: refuses every
 * recipient (RCPT TO) or every message (end of DATA) with the reply it is given, refuses every
 * login, or holds the first message's end of DATA unanswered until the test lets it go (an attempt
 * stuck inside its SMTP transaction). A protocol peer, not a mock: Jakarta Mail talks SMTP to it,
 * one thread per connection, so a second client is served while the first is held.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  /** What Postfix answers for an unknown local user: the mailbox does not exist. */
  public static final String UNKNOWN_USER = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";

  private final String recipientReply;
  private final String dataReply;
  private final boolean refuseLogin;
  private final CountDownLatch holdFirstData;
  private final ServerSocket socket;
  /** RCPT TO commands received. */
  public final AtomicInteger recipientCommands = new AtomicInteger();
  /** Messages whose end of DATA was reached (answered or held). */
  public final AtomicInteger messagesReceived = new AtomicInteger();
  /** Messages accepted: 250 to their end of DATA. */
  public final List<String> delivered = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstDataHeld = new CountDownLatch(1);

  private ScriptedSmtpServer(String recipientReply, String dataReply, boolean refuseLogin, CountDownLatch holdFirstData)
      throws IOException {
    this.recipientReply = recipientReply;
    this.dataReply = dataReply;
    this.refuseLogin = refuseLogin;
    this.holdFirstData = holdFirstData;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts every message. */
  public static ScriptedSmtpServer accepting() throws IOException {
    return new ScriptedSmtpServer(null, null, false, null);
  }

  /** Refuses every recipient with {@code reply} (e.g. {@link #UNKNOWN_USER}, {@code 554 5.7.1 Relay access denied}). */
  public static ScriptedSmtpServer refusingRecipients(String reply) throws IOException {
    return new ScriptedSmtpServer(reply, null, false, null);
  }

  /** Takes every recipient and refuses every message at the end of DATA with {@code reply} (a DMARC or spam verdict). */
  public static ScriptedSmtpServer refusingMessages(String reply) throws IOException {
    return new ScriptedSmtpServer(null, reply, false, null);
  }

  /** Offers AUTH and refuses every login (535). */
  public static ScriptedSmtpServer refusingLogins() throws IOException {
    return new ScriptedSmtpServer(null, null, true, null);
  }

  /**
   * Accepts every message, but leaves the first one's end of DATA unanswered until {@code release}
   * counts down: the client waits inside its SMTP transaction meanwhile. Then it is accepted too.
   */
  public static ScriptedSmtpServer holdingTheFirstMessage(CountDownLatch release) throws IOException {
    return new ScriptedSmtpServer(null, null, false, release);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Waits until a client is held at the end of DATA of the first message. */
  public boolean awaitHeld(long seconds) throws InterruptedException {
    return firstDataHeld.await(seconds, TimeUnit.SECONDS);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread conversation = new Thread(() -> {
          try (client) {
            converse(client);
          } catch (IOException e) {
            // the client hung up
          }
        }, "scripted-smtp-client");
        conversation.setDaemon(true);
        conversation.start();
      } catch (IOException e) {
        // closed: the loop ends
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
    Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.ISO_8859_1);
    reply(out, "220 scripted.test ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        reply(out, refuseLogin ? "250-scripted.test\r\n250 AUTH PLAIN" : "250 scripted.test");
      } else if (command.startsWith("HELO") || command.startsWith("MAIL") || command.startsWith("RSET")
          || command.startsWith("NOOP")) {
        reply(out, "250 2.0.0 OK");
      } else if (command.startsWith("AUTH")) {
        reply(out, "535 5.7.8 Authentication credentials invalid");
      } else if (command.startsWith("RCPT")) {
        recipientCommands.incrementAndGet();
        reply(out, recipientReply != null ? recipientReply : "250 2.1.5 OK");
      } else if (command.startsWith("DATA")) {
        if (recipientReply != null) {
          reply(out, "554 5.5.1 No valid recipients");
          continue;
        }
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        StringBuilder message = new StringBuilder();
        String data;
        while ((data = in.readLine()) != null && !data.equals(".")) message.append(data).append('\n');
        boolean first = messagesReceived.incrementAndGet() == 1;
        if (first && holdFirstData != null) {
          firstDataHeld.countDown();
          try {
            holdFirstData.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (dataReply != null) {
          reply(out, dataReply);
        } else {
          delivered.add(header(message.toString(), "Message-ID"));
          reply(out, "250 2.0.0 Ok: queued");
        }
      } else if (command.startsWith("QUIT")) {
        reply(out, "221 2.0.0 Bye");
        return;
      } else {
        reply(out, "502 5.5.2 Command not recognized");
      }
    }
  }

  private static String header(String message, String name) {
    for (String line : message.split("\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) return line.substring(name.length() + 1).strip();
      if (line.isEmpty()) break;
    }
    return null;
  }

  private static void reply(Writer out, String text) throws IOException {
    out.write(text + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
