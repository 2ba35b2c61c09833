package io.abmsequencer.bench.send;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.abmsequencer.activities.email.SmtpEmailChannel;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.EmailStep;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Template;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Benchmark 5: 5,000 e-mail touches due at once, through the product's e-mail activity
 * ({@link SmtpEmailChannel}: suppression check, ledger row and cap claim before, ledger outcome
 * after, the composed multipart message with its unsubscribe headers) to a GreenMail SMTP server,
 * caps switched off; against a raw Jakarta Mail loop ({@code Transport.send}, one connection per
 * message, as Spring's sender does) to the same server. Goal: at least half the raw rate.
 *
 * <p>Both sides run on the same number of threads (default 8, as the worker runs activities in
 * parallel; {@code --threads}), first with the SMTP client as configured (EHLO), then greeting with
 * HELO on both sides (GreenMail stalls ~40 ms on every EHLO, which otherwise hides everything
 * else); a serial group (1 thread, HELO) is context. A diagnostic row in each group re-sends the
 * product's composed message raw, to tell the message's size from the product's work. GreenMail's
 * count proves every message arrived; the ledger's count proves every touch was recorded SENT.
 * The database is a zonky PostgreSQL 17 configured as the embedded mode's ({@code fsync} and
 * {@code full_page_writes} off), the schema made by the product's Flyway migrations.
 */
public final class SendBench {

  @SpringBootApplication(scanBasePackages = "io.abmsequencer.activities")
  static class SendBenchApp {
    /** The activities module brings no actuator, so Boot adds no registry (as in its tests). */
    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  static final int ROUNDS = 5;

  /** One pair of measurements: threads on both sides, EHLO or HELO on both sides, judged against the goal or context. */
  record Config(int threads, boolean ehlo, boolean judged) {}

  record Side(String name, int threads, int sent, double seconds, int received) {
    double rate() {
      return sent / seconds;
    }

    Side plus(double[] round) {
      return new Side(name, threads, sent + (int) round[0], seconds + round[1], received + (int) round[2]);
    }
  }

  public static void main(String[] argv) {
    Jvm.main("send", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    int size = args.intOption("size", 5_000);
    int threads = args.intOption("threads", 8);
    Playbook playbook = PlaybookParser.parse(Files.readString(args.root().resolve("playbooks/customer-expansion-1tomany.yaml"))).withVersion(1);
    EmailStep welcome = (EmailStep) playbook.steps().get(0);
    Template copy = welcome.templateFor(Role.CHAMPION);

    Path pgDir = Files.createTempDirectory("abm-bench-pg-");
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(pgDir).setCleanDataDirectory(true)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off")
        .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create database bench");
    }
    int smtpPort = freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    ConfigurableApplicationContext context = new SpringApplicationBuilder(SendBenchApp.class)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.main.banner-mode=off",
            "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "bench"),
            "spring.datasource.username=postgres",
            "spring.datasource.password=",
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + smtpPort,
            "abm.mail.from-domain=yourco.example",
            "abm.mail.senders[jane].name=Jane Doe",
            "abm.mail.senders[jane].email=jane.doe@yourco.example",
            "abm.mail.postal-address=YourCo Inc. · 1 Main Street · Springfield, IL 62701 · USA",
            "abm.public-url=https://abm.yourco.example",
            // Caps off: the burst measures sending, not deferring.
            "abm.mail.caps.per-sender-per-day=0",
            "abm.mail.caps.per-contact=0")
        .run();
    try {
      SmtpEmailChannel channel = context.getBean(SmtpEmailChannel.class);
      TouchQueries ledger = context.getBean(TouchQueries.class);
      Session session = rawSession(smtpPort, true);
      Account account = new Account("bench-burst", "Northwind Pay", "northwindpay.example", "Fintech");

      // Warm-up of both paths (JIT, connection pool, GreenMail), not counted.
      Results.progress("warm-up: 300 touches through the channel, 300 raw sends");
      runProduct("warm", 0, 300, threads, channel, account, copy, playbook);
      runRaw("warm", 0, 300, threads, session, copy);
      // The product's message as it reached the server, re-sent raw (new recipient each time) by the diagnostic rows.
      smtp.purgeEmailFromAllMailboxes();
      runProduct("sample", 0, 1, 1, channel, account, copy, playbook);
      byte[] composed = bytes(smtp.getReceivedMessages()[0]);

      // Each pair alternates raw and product in rounds, so drift in the machine's load hits both.
      List<Config> configs = List.of(new Config(threads, true, true), new Config(threads, false, true), new Config(1, false, false));
      List<Side[]> pairs = new ArrayList<>();
      for (Config config : configs) {
        useEhlo(context, config.ehlo());
        Session raw = rawSession(smtpPort, config.ehlo());
        Side[] pair = {new Side("raw", config.threads(), 0, 0, 0), new Side("product", config.threads(), 0, 0, 0),
            new Side("raw, product's message", config.threads(), 0, 0, 0)};
        int rounds = Math.min(ROUNDS, size);
        for (int r = 0; r < rounds; r++) {
          int from = size * r / rounds;
          int to = size * (r + 1) / rounds;
          String tag = (config.ehlo() ? "e" : "h") + config.threads();
          pair[0] = pair[0].plus(measure(smtp, to - from, () -> runRaw("raw-" + tag, from, to, config.threads(), raw, copy)));
          pair[1] = pair[1].plus(measure(smtp, to - from, () -> runProduct("p-" + tag, from, to, config.threads(), channel, account, copy, playbook)));
          pair[2] = pair[2].plus(measure(smtp, to - from, () -> runRawComposed("c-" + tag, from, to, config.threads(), raw, composed)));
        }
        Results.progress("%s, %d thread(s): raw %,.0f/s, product %,.0f/s (%.2f), raw with the product's message %,.0f/s", config.ehlo() ? "EHLO" : "HELO",
            config.threads(), pair[0].rate(), pair[1].rate(), pair[1].rate() / pair[0].rate(), pair[2].rate());
        pairs.add(pair);
      }

      Map<String, Long> ledgerCounts = ledger.countByStatus(Channel.EMAIL);
      long sentRows = ledgerCounts.getOrDefault(TouchStatus.SENT.name(), 0L);
      Table table = new Table("5. Send burst: " + Table.count(size) + " e-mail touches due at once, SMTP to GreenMail, caps off",
          "what", "SMTP greeting", "threads", "touches/s", "time", "received by GreenMail", "ratio to baseline", "goal", "result");
      for (int i = 0; i < pairs.size(); i++) {
        Config config = configs.get(i);
        Side raw = pairs.get(i)[0];
        Side product = pairs.get(i)[1];
        String greeting = config.ehlo() ? "EHLO (as configured)" : "HELO";
        table.row("baseline: raw Jakarta Mail loop (Transport.send, plain-text message)", greeting, String.valueOf(raw.threads()),
            Table.num(raw.rate(), 0), Table.num(raw.seconds(), 2) + " s", Table.count(raw.received()), "1.00", "", "");
        double ratio = product.rate() / raw.rate();
        table.row("product: SmtpEmailChannel.send (consent check, ledger, caps claim, multipart message)", greeting,
            String.valueOf(product.threads()), Table.num(product.rate(), 0), Table.num(product.seconds(), 2) + " s",
            Table.count(product.received()), Table.ratio(ratio), config.judged() ? "≥ 0.50" : "(context)",
            config.judged() ? Table.atLeast(ratio, 0.5) : "");
        Side composedRaw = pairs.get(i)[2];
        table.row("diagnostic: raw loop re-sending the product's composed message (" + Table.count(composed.length) + " bytes)", greeting,
            String.valueOf(composedRaw.threads()), Table.num(composedRaw.rate(), 0), Table.num(composedRaw.seconds(), 2) + " s",
            Table.count(composedRaw.received()), Table.ratio(composedRaw.rate() / raw.rate()), "(context)", "");
      }
      table.note("The diagnostic rows send the product's message as GreenMail received it (%,d bytes, multipart text + HTML) without "
          + "the product's work around it, against %,d bytes of the plain raw message: product ÷ diagnostic is what the consent check, "
          + "the ledger and the composition cost; diagnostic ÷ baseline is what the bigger message costs the SMTP exchange and "
          + "GreenMail, which runs in the same JVM on the same 2 cores.", composed.length, rawSize(session, copy));
      table.note("Each group alternates raw, product and diagnostic in %d rounds of %,d sends. Ledger after the run: %s e-mail touches (the warm-up's 301 "
          + "included); every product touch returned SENT and GreenMail received one message per send on both sides.",
          Math.min(ROUNDS, size), size / Math.min(ROUNDS, size), ledgerCounts);
      table.note("EHLO rows: the product's configuration. GreenMail writes its multi-line EHLO reply in several TCP segments; with Nagle's "
          + "algorithm and the client's delayed ACK every new connection waits about 40 ms for it, and both sides open one connection per "
          + "message (Spring's JavaMailSender does). HELO rows (mail.smtp.ehlo=false on both sides) take that stall out and show what "
          + "the ledger, consent check and message composition cost against bare SMTP.");
      table.note("The product's message is the 1:many playbook's welcome e-mail rendered for each contact (multipart text + HTML, "
          + "footer, List-Unsubscribe); the raw message is the same subject and body as plain text. Hikari pool: Boot's default (10).");
      Results.publish(args, table);
      if (sentRows != (long) size * configs.size() + 301) throw new IllegalStateException("ledger SENT rows: " + ledgerCounts);
    } finally {
      context.close();
      smtp.stop();
      postgres.close();
    }
  }

  static void runRawComposed(String batch, int from, int to, int threads, Session session, byte[] composed) {
    parallel(from, to, threads, i -> {
      Contact contact = contact(batch, i);
      try {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(composed));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(contact.email(), contact.fullName(), "UTF-8"));
        Transport.send(message);
      } catch (MessagingException | UnsupportedEncodingException e) {
        throw new IllegalStateException("raw re-send " + i + " failed", e);
      }
    });
  }

  static byte[] bytes(MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  static int rawSize(Session session, Template copy) throws Exception {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("jane.doe@yourco.example", "Jane Doe", "UTF-8"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("priya.raman@example.com", "Priya Raman", "UTF-8"));
    message.setSubject(copy.subject(), "UTF-8");
    message.setText(copy.body(), "UTF-8");
    message.saveChanges();
    return bytes(message).length;
  }

  /** Sends, received, seconds of one round: GreenMail emptied first, its count checked after. */
  private static double[] measure(GreenMail smtp, int size, Runnable run) throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    long t0 = System.nanoTime();
    run.run();
    double seconds = Stats.seconds(System.nanoTime() - t0);
    int received = 0;
    for (int i = 0; i < 100 && (received = smtp.getReceivedMessages().length) < size; i++) Thread.sleep(50);
    if (received != size) throw new IllegalStateException("GreenMail received " + received + " of " + size);
    return new double[] {size, seconds, received};
  }

  /** The product's sender greets with EHLO (Jakarta Mail's default) or HELO; a new Session is made on the next send. */
  static void useEhlo(ConfigurableApplicationContext context, boolean ehlo) {
    JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
    Properties properties = new Properties();
    properties.putAll(sender.getJavaMailProperties());
    properties.put("mail.smtp.ehlo", String.valueOf(ehlo));
    sender.setJavaMailProperties(properties);
  }

  static void runProduct(String batch, int from, int to, int threads, SmtpEmailChannel channel, Account account, Template copy, Playbook playbook) {
    parallel(from, to, threads, i -> {
      Contact contact = contact(batch, i);
      EmailTouch touch = new EmailTouch(new TouchKey("abm-expansion-" + batch + "-" + i, playbook.ref() + "/welcome-champion", contact.id()),
          account, contact, "jane", copy.subject(), copy.body(), playbook.tracking().clicks(), playbook.tracking().opens());
      TouchResult result = channel.send(touch);
      if (result.status() != TouchStatus.SENT) throw new IllegalStateException("touch " + i + ": " + result);
    });
  }

  static void runRaw(String batch, int from, int to, int threads, Session session, Template copy) {
    parallel(from, to, threads, i -> {
      Contact contact = contact(batch, i);
      try {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("jane.doe@yourco.example", "Jane Doe", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(contact.email(), contact.fullName(), "UTF-8"));
        message.setSubject(copy.subject().replace("{{accountName}}", "Northwind Pay"), "UTF-8");
        message.setText(copy.body().replace("{{firstName}}", contact.firstName()).replace("{{ownerName}}", "Jane Doe"), "UTF-8");
        Transport.send(message);
      } catch (MessagingException | UnsupportedEncodingException e) {
        throw new IllegalStateException("raw send " + i + " failed", e);
      }
    });
  }

  static Contact contact(String batch, int i) {
    String email = "champion" + i + "@" + batch + "-account" + (i % 500) + ".example";
    return new Contact(ContactIds.of(email), email, "Priya", "Raman " + i, "Head of Payments Operations", Role.CHAMPION, null,
        "America/Chicago", false);
  }

  /** Runs {@code work(from..to-1)} on {@code threads} threads, each taking the next index. */
  static void parallel(int from, int to, int threads, IntConsumer work) {
    AtomicInteger next = new AtomicInteger(from);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) work.accept(i);
        }));
      }
      for (Future<?> f : futures) f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  static Session rawSession(int port, boolean ehlo) {
    Properties p = new Properties();
    p.put("mail.smtp.ehlo", String.valueOf(ehlo));
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "30000");
    p.put("mail.smtp.writetimeout", "30000");
    return Session.getInstance(p);
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
