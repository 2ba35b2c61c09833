package io.abmsequencer.starter.inbound;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.testsupport.TestDatabase;
import io.abmsequencer.starter.testsupport.LedgerTouches;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh PostgreSQL database with the product's schema, and the rows the poller matches against
 * (a sequence and its committee inserted directly; the ledger's touches written through the
 * activities' {@link io.abmsequencer.activities.ledger.Ledger}).
 */
final class InboundDatabase implements AutoCloseable {

  private static final String MIGRATIONS = "db/migration";
  /** The activities module's migrations in this source tree (see {@link #migrationLocation()}). */
  private static final Path SOURCE_MIGRATIONS = Path.of("../activities/src/main/resources", MIGRATIONS);

  final HikariDataSource dataSource;
  final JdbcClient jdbc;

  InboundDatabase() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabase.newDatabaseUrl());
    config.setUsername(TestDatabase.USER);
    config.setPassword("");
    config.setMaximumPoolSize(3);
    dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).locations(migrationLocation()).load().migrate();
    jdbc = JdbcClient.create(dataSource);
  }

  /**
   * The activities jar's migrations; its source directory when that jar predates this package's
   * migration (the starter's tests run against the installed activities jar when built alone with
   * {@code -pl starter}).
   */
  private static String migrationLocation() {
    boolean jarHasInboundTables = InboundDatabase.class.getClassLoader().getResource(MIGRATIONS + "/V5__inbound_mail.sql") != null;
    if (jarHasInboundTables || !Files.isDirectory(SOURCE_MIGRATIONS)) return "classpath:" + MIGRATIONS;
    return "filesystem:" + SOURCE_MIGRATIONS.toAbsolutePath().normalize();
  }

  /** Removes every sequence, ledger row and inbound record; the schema stays. */
  void clear() {
    jdbc.sql("truncate inbound_messages, mailbox_cursors, touches, sequence_contacts, sequences cascade").update();
  }

  void sequence(String workflowId, String accountId, String domain, String status) {
    jdbc.sql("""
            insert into sequences (workflow_id, account_id, account_name, domain, motion, tier, playbook_id, playbook_version,
                                   owner, status, started_at, updated_at)
            values (:workflowId, :accountId, :accountId, :domain, 'NEW_LOGO', 'ONE_TO_FEW', 'quick-tour', 1,
                    'sam.lee@yourco.example', :status, now(), now())
            """)
        .param("workflowId", workflowId).param("accountId", accountId).param("domain", domain).param("status", status)
        .update();
  }

  void contact(String workflowId, String contactId, String email, String timeZone) {
    jdbc.sql("""
            insert into sequence_contacts (workflow_id, contact_id, email, role, time_zone)
            values (:workflowId, :contactId, :email, 'CHAMPION', :timeZone)
            """)
        .param("workflowId", workflowId).param("contactId", contactId).param("email", email).param("timeZone", timeZone)
        .update();
  }

  /** The e-mail of step {@code hello} to the contact, sent: its touch key is {@code workflowId/hello/contactId}. */
  void touch(String workflowId, String contactId, String accountId, String recipient, String messageId) {
    new LedgerTouches(jdbc).write(new TouchKey(workflowId, "hello", contactId), accountId, Channel.EMAIL, TouchStatus.SENT,
        recipient, "sam.lee@yourco.example", "A short read for Globex", messageId);
  }

  int count(String sql) {
    return jdbc.sql(sql).query(Integer.class).single();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
