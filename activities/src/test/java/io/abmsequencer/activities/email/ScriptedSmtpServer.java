package io.abmsequencer.activities.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny real SMTP server on a loopback socket that refuses what GreenMail always accepts: every
 * recipient (550 to RCPT TO) or every login (535 to AUTH). A protocol peer, not a mock: Jakarta
 * Mail talks SMTP to it.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  enum Refuse {
    RECIPIENT,
    LOGIN
  }

  static final String RCPT_REPLY = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";

  private final Refuse refuse;
  private final ServerSocket socket;
  private final Thread acceptor;
  final AtomicInteger recipientCommands = new AtomicInteger();

  ScriptedSmtpServer(Refuse refuse) throws IOException {
    this.refuse = refuse;
    this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException e) {
        // closed, or the client hung up: wait for the next one
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
        reply(out, refuse == Refuse.LOGIN ? "250-scripted.test\r\n250 AUTH PLAIN" : "250 scripted.test");
      } else if (command.startsWith("HELO") || command.startsWith("MAIL") || command.startsWith("RSET")
          || command.startsWith("NOOP")) {
        reply(out, "250 2.0.0 OK");
      } else if (command.startsWith("AUTH")) {
        reply(out, "535 5.7.8 Authentication credentials invalid");
      } else if (command.startsWith("RCPT")) {
        recipientCommands.incrementAndGet();
        reply(out, RCPT_REPLY);
      } else if (command.startsWith("DATA")) {
        reply(out, "554 5.5.1 No valid recipients");
      } else if (command.startsWith("QUIT")) {
        reply(out, "221 2.0.0 Bye");
        return;
      } else {
        reply(out, "502 5.5.2 Command not recognized");
      }
    }
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
