package io.abmsequencer.starter.production;

import io.abmsequencer.activities.testsupport.TestPorts;
import io.abmsequencer.starter.StarterApplication;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.worker.devserver.DevServer;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.abmsequencer.worker.WorkerApplication;
import org.springframework.core.env.Environment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Temporal dev server on free ports, started the way the SDKs' {@code start_local} does and
 * with no search attribute of ours, and the product in production mode against it: the starter (a
 * Temporal client only) and the worker app in this JVM, Temporal only through {@code
 * spring.temporal.connection.target} (so no embedded Temporal), a codec key, and PostgreSQL and SMTP
 * embedded in the starter on free ports, which the worker is pointed at as at external ones.
 */
final class ProductionRig implements AutoCloseable {
  /** A test-only key (base64 of 32 bytes): every payload the product writes to Temporal is encrypted. */
  static final String CODEC_KEY = "b2N0b3B1cy1wcm9kdWN0aW9uLW1vZGUtdGVzdC1rZXk=";

  final DevServer server;
  final OpsClient ops;
  static final String ADMIN_PASSWORD = "production-test-admin";

  /** The namespace's custom search attributes before the product first started. */
  final Map<String, IndexedValueType> attributesBefore;
  final ConfigurableApplicationContext product;
  final Api api;
  /** The worker app, or null before {@link #startWorker()}. */
  ConfigurableApplicationContext worker;

  private ProductionRig(DevServer server, OpsClient ops, Map<String, IndexedValueType> before, ConfigurableApplicationContext product) {
    this.server = server;
    this.ops = ops;
    this.attributesBefore = before;
    this.product = product;
    this.api = new Api(product.getEnvironment().getRequiredProperty("local.server.port", Integer.class), "admin", ADMIN_PASSWORD);
  }

  /** The server, the starter and the worker. */
  static ProductionRig start(Path cli, Path dir) throws IOException {
    ProductionRig rig = startWithoutWorker(cli, dir);
    try {
      rig.startWorker();
    } catch (RuntimeException e) {
      rig.close();
      throw e;
    }
    return rig;
  }

  /** The server and the starter only: nothing polls the task queue until {@link #startWorker()}. */
  static ProductionRig startWithoutWorker(Path cli, Path dir) throws IOException {
    DevServer server = DevServer.start(new DevServer.Options(cli, "127.0.0.1", TestPorts.free(), -1, dir.resolve("temporal.sqlite"),
        dir.resolve("temporal.log"), Map.of(), null, Duration.ofSeconds(60)));
    OpsClient ops = null;
    try {
      ops = new OpsClient(server.target());
      Map<String, IndexedValueType> before = ops.customSearchAttributes();
      ConfigurableApplicationContext product = new SpringApplicationBuilder(StarterApplication.class).run(
          "--server.port=0",
          "--spring.temporal.connection.target=" + server.target(),
          "--abm.codec.key=" + CODEC_KEY,
          "--abm.embedded.postgres.port=0",
          "--abm.embedded.postgres.data-dir=temp",
          "--abm.embedded.smtp.port=0",
          "--abm.embedded.imap.port=0",
          "--abm.engagement.flush-interval=1s",
          "--abm.mail.from-domain=yourco.example",
          "--abm.public-url=https://abm.yourco.example",
          "--abm.mail.inbound.poll-interval=1h",
          // Production mode: no demo users, the admin is configured.
          "--abm.security.users[0].username=admin", "--abm.security.users[0].password=" + ADMIN_PASSWORD,
          "--abm.security.users[0].roles=ADMIN");
      return new ProductionRig(server, ops, before, product);
    } catch (RuntimeException e) {
      if (ops != null) ops.close();
      server.close();
      throw e;
    }
  }

  /**
   * The worker app (production shape) on the starter's Temporal, database, mail server and codec key.
   * Only the worker's own settings files: the starter's application.yaml comes first on this classpath.
   * Embedded mode (on this classpath too) stays off: Temporal, the database and mail are all given.
   */
  void startWorker() {
    Environment settings = product.getEnvironment();
    List<String> args = new ArrayList<>(List.of(
        "--spring.config.location=classpath:/abm-defaults.yaml,classpath:/abm-worker.yaml",
        "--spring.application.name=abm-worker", "--server.port=0", "--server.address=127.0.0.1"));
    for (String key : List.of("spring.temporal.connection.target", "spring.datasource.url", "spring.datasource.username",
        "spring.datasource.password", "spring.mail.host", "spring.mail.port", "abm.codec.key", "abm.mail.from-domain",
        "abm.public-url")) {
      args.add("--" + key + "=" + settings.getRequiredProperty(key));
    }
    worker = new SpringApplicationBuilder(WorkerApplication.class).run(args.toArray(String[]::new));
  }

  /** The product's own client: its data converter holds the codec. */
  WorkflowClient productClient() {
    return product.getBean(WorkflowClient.class);
  }

  <T> T bean(Class<T> type) {
    return product.getBean(type);
  }


  @Override
  public void close() {
    try {
      if (worker != null) worker.close();
    } finally {
      closeProduct();
    }
  }

  private void closeProduct() {
    try {
      product.close();
    } finally {
      ops.close();
      server.close();
    }
  }
}
