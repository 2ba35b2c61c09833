package io.abmsequencer.starter.inbound;

import io.abmsequencer.activities.email.LinkTokens;
import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the inbound mail poller; {@code abm.mail.inbound.enabled=false} leaves it out entirely. In
 * embedded mode with nothing configured it reads the in-process mail server's mailboxes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboundMailProperties.class)
@ConditionalOnProperty(prefix = "abm.mail.inbound", name = "enabled", havingValue = "true", matchIfMissing = true)
class InboundMailConfiguration {

  private static final Logger log = LoggerFactory.getLogger(InboundMailConfiguration.class);

  @Bean
  Mailboxes inboundMailboxes(
      InboundMailProperties properties,
      ObjectProvider<EmbeddedMode> mode,
      ObjectProvider<EmbeddedMailServer> embeddedServer,
      Environment environment,
      JdbcClient jdbc) {
    EmbeddedMailServer server = embeddedServer.getIfUnique();
    EmbeddedMode embeddedMode = mode.getIfUnique();
    boolean embedded = server != null && embeddedMode != null && embeddedMode.smtpEmbedded();
    if (embedded && (properties.host() == null || properties.host().isBlank())) {
      int port = properties.port() != null ? properties.port() : server.imapPort();
      // Replies land in our senders' mailboxes; the prospects' own mailboxes (where our e-mails land in
      // embedded mode) hold nothing to read, and there can be thousands of them.
      return new EmbeddedMailboxes(server.host(), port, properties, unsubscribeAddress(environment),
          () -> senderMailboxes(jdbc, server.mailboxAddresses()));
    }
    ConfiguredMailboxes configured = new ConfiguredMailboxes(properties);
    if (configured.list().isEmpty()) {
      log.info("Inbound mail: no mailboxes in abm.mail.inbound.mailboxes; replies, bounces and unsubscribe mails are not read");
    }
    return configured;
  }

  private static java.util.List<String> senderMailboxes(JdbcClient jdbc, java.util.List<String> mailboxes) {
    java.util.Set<String> senders = new java.util.HashSet<>(
        jdbc.sql("select distinct lower(sender) from touches where channel = 'EMAIL' and sender is not null").query(String.class).list());
    return mailboxes.stream().filter(senders::contains).toList();
  }

  @Bean
  InboundMailPoller inboundMailPoller(
      InboundMailProperties properties,
      Mailboxes mailboxes,
      JdbcClient jdbc,
      InboundActions inboundActions,
      ObjectProvider<UnsubscribeTokens> tokens,
      ObjectProvider<LinkTokens> linkTokens,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<Clock> clock,
      Environment environment) {
    UnsubscribeTokens unsubscribeTokens = unsubscribeTokens(tokens.getIfUnique(), linkTokens.getIfUnique());
    Clock time = clock.getIfUnique(Clock::systemUTC);
    return new InboundMailPoller(
        mailboxes,
        new ImapMailboxes(),
        new InboundStore(jdbc),
        handler(properties, inboundActions, new TouchLookup(jdbc), unsubscribeTokens, unsubscribeAddress(environment), time),
        meters.getIfUnique(() -> Metrics.globalRegistry));
  }

  /**
   * An explicit {@link UnsubscribeTokens} bean, else the e-mail channel's signed tokens, else none:
   * only an authenticated sender can then unsubscribe by mail.
   */
  static UnsubscribeTokens unsubscribeTokens(UnsubscribeTokens explicit, LinkTokens linkTokens) {
    if (explicit != null) return explicit;
    if (linkTokens != null) return linkTokens::verifyUnsubscribe;
    log.info("Inbound mail: no UnsubscribeTokens bean; unsubscribe mails are believed only from authenticated senders");
    return token -> Optional.empty();
  }

  static InboundHandler handler(
      InboundMailProperties properties, InboundActions actions, TouchLookup touches, UnsubscribeTokens tokens,
      String unsubscribeAddress, Clock clock) {
    return new InboundHandler(
        actions,
        touches,
        tokens,
        new MessageClassifier(unsubscribeAddress, clock),
        new AwayPolicy(properties.outOfOfficeDefault(), properties.outOfOfficeMax(), clock),
        new SenderAuthentication(properties.trustedAuthservIds()),
        properties.sameCompanyReplies());
  }

  /** Where the List-Unsubscribe mailto points (the e-mail channel's {@code abm.mail.unsubscribe-mailbox}). */
  static String unsubscribeAddress(Environment environment) {
    String configured = environment.getProperty("abm.mail.unsubscribe-mailbox");
    if (configured != null && !configured.isBlank()) return configured.trim();
    return "unsubscribe@" + environment.getProperty("abm.mail.from-domain", "abm-sequencer.local");
  }
}
