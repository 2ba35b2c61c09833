package io.abmsequencer.starter.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.abmsequencer.starter.system.SystemModes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Embedded mode: runs a Temporal server, a PostgreSQL and an SMTP/IMAP server for the app, as its
 * own child processes and threads, so that one command ({@code java -jar abm-sequencer.jar}) gives a first-time user a
 * working product with nothing else installed. Each piece starts only when its external equivalent
 * is not configured ({@code spring.temporal.connection.target}, {@code spring.datasource.url},
 * {@code spring.mail.host}); {@code abm.embedded.enabled=false} turns all of it off.
 *
 * <p>Why an {@link ApplicationContextInitializer} (registered in {@code META-INF/spring.factories}):
 * it runs after the environment and logging are ready and before any bean exists, so it can start
 * the pieces, log what they do, put their addresses first among the property sources (the mail and
 * datasource auto-configurations read them when they evaluate their conditions) and register the
 * running servers as singletons. An {@code EnvironmentPostProcessor} runs before logging works (the
 * start-up output is lost); a {@code @Bean} is too late for the mail auto-configuration; code in
 * {@code main()} is skipped by {@code @SpringBootTest}.
 *
 * <p>Shutdown order matters: the servers are registered as disposable singletons here, before any
 * other bean, and Spring destroys singletons in reverse order of registration, so they stop after
 * the Temporal worker, the connection pool and everything else that uses them. A start that fails
 * halfway closes what it started, and reports one line naming the property to change (see {@link
 * EmbeddedStartupFailureAnalyzer}); nothing is left running that would keep the JVM alive.
 *
 * <p>Temporal is the real one: the official Temporal CLI's development server as a child process
 * ({@link EmbeddedDevServer}), with its state in a SQLite file, so sequences survive a restart, and
 * its Web UI. Only where no CLI can be had (none configured, on the PATH or cached, and the download
 * refused) does the in-memory Java test server run instead, which keeps no state across a restart
 * and lacks visibility queries, schedules and a UI; the banner says so. PostgreSQL keeps its data in {@code
 * abm.embedded.postgres.data-dir}; mail never leaves the process; everything listens on 127.0.0.1
 * only, without passwords (PostgreSQL trusts local connections, so every user of the machine can
 * reach the data). It is for a first run, demos and end-to-end tests on one person's machine, not
 * for production.
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String TEMPORAL_BEAN = "abmEmbeddedTemporalServer";
  public static final String DEV_SERVER_BEAN = "abmEmbeddedDevServer";
  static final String POSTGRES_LOCK_BEAN = "abmEmbeddedPostgresLock";
  public static final String POSTGRES_BEAN = "abmEmbeddedPostgresServer";
  public static final String MAIL_BEAN = "abmEmbeddedMailServer";
  static final String PROPERTY_SOURCE = "abmEmbeddedInfrastructure";
  static final String SERVER_ADDRESS = "server.address";
  static final String CODEC_KEY = "abm.codec.key";
  /** Where the settings of the worker embedded mode hosts are (the worker's {@code abm-worker.yaml}); empty: none. */
  static final String WORKER_CONFIG = "abm.embedded.worker-config";
  static final String WORKER_PROPERTY_SOURCE = "abmEmbeddedWorker";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    if (beans.containsSingleton(EmbeddedMode.BEAN_NAME) || parentHasEmbeddedMode(context)) {
      return; // applied twice, or a child context: the infrastructure already runs once
    }
    EmbeddedSettings settings = EmbeddedSettings.from(context.getEnvironment());
    if (!settings.startTemporal() && !settings.startPostgres() && !settings.startSmtp()) {
      log.debug("Embedded mode off: {}",
          settings.enabled() ? "all infrastructure configured externally" : "abm.embedded.enabled=false");
      beans.registerSingleton(EmbeddedMode.BEAN_NAME, EmbeddedMode.OFF);
      return;
    }
    EmbeddedPieces pieces = EmbeddedPieces.start(settings);
    EmbeddedMode mode = pieces.mode();
    try {
      // Registered before every other bean, so destroyed after every other bean.
      register(context, TEMPORAL_BEAN, pieces.temporal);
      register(context, DEV_SERVER_BEAN, pieces.devServer);
      // Before PostgreSQL, so released after it has stopped.
      register(context, POSTGRES_LOCK_BEAN, pieces.postgresLock);
      register(context, POSTGRES_BEAN, pieces.postgres);
      register(context, MAIL_BEAN, pieces.mail);
      beans.registerSingleton(EmbeddedMode.BEAN_NAME, mode);
    } catch (RuntimeException e) {
      pieces.close();
      throw e;
    }
    Map<String, Object> properties = new LinkedHashMap<>(pieces.properties());
    if (pieces.devServer != null && settings.codecPort() >= 0) {
      // The dev server's UI was told this port (a free one when 0 was asked for): the codec serves it.
      properties.put(EmbeddedSettings.CODEC_PORT, settings.codecPort());
    }
    if (mode.temporalEmbedded() && !StringUtils.hasText(context.getEnvironment().getProperty(CODEC_KEY))) {
      // PII never in clear in Temporal, even on a first run: the dev server's state gets its own key,
      // kept beside it; the in-memory server's dies with the process, and so may its key.
      properties.put(CODEC_KEY, pieces.devServer != null && !pieces.devServer.temporary()
          ? CodecKeyFile.loadOrCreate(pieces.devServer.dataDirectory())
          : CodecKeyFile.ephemeral());
    }
    if (mode.wholeProduct() && !context.getEnvironment().containsProperty(SERVER_ADDRESS)) {
      // Everything else of the demo listens on loopback only, without passwords but the demo ones:
      // the console too, unless server.address says otherwise.
      properties.put(SERVER_ADDRESS, Ports.LOOPBACK.getHostAddress());
    }
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    if (mode.temporalEmbedded()) {
      hostWorker(context.getEnvironment());
    }
    context.addApplicationListener(new Lifecycle(pieces, mode));
    log.info("Embedded infrastructure up in {}", pieces.timings());
  }

  /**
   * Temporal runs here, so the worker does too: its settings ({@code spring.temporal.workers}), last
   * among the property sources, and with them the activities ({@link EmbeddedWorker}). Without
   * embedded Temporal the starter is a Temporal client only.
   */
  private static void hostWorker(ConfigurableEnvironment environment) {
    String location = environment.getProperty(WORKER_CONFIG);
    if (!StringUtils.hasText(location)) {
      return;
    }
    Resource resource = new DefaultResourceLoader().getResource(location);
    try {
      List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(WORKER_PROPERTY_SOURCE, resource);
      if (documents.size() != 1) {
        throw new IllegalStateException(WORKER_CONFIG + " " + location + ": one YAML document expected, found " + documents.size());
      }
      environment.getPropertySources().addLast(documents.get(0));
    } catch (IOException e) {
      throw new UncheckedIOException(WORKER_CONFIG + " " + location + " could not be read", e);
    }
  }

  private static boolean parentHasEmbeddedMode(ApplicationContext context) {
    return context.getParent() != null && context.getParent().containsBean(EmbeddedMode.BEAN_NAME);
  }

  private static void register(ConfigurableApplicationContext context, String name, AutoCloseable piece) {
    if (piece == null) {
      return;
    }
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    beans.registerSingleton(name, piece);
    if (beans instanceof DefaultSingletonBeanRegistry registry) {
      registry.registerDisposableBean(name, piece::close);
    } else {
      // Not a Spring Boot context: close on the closed event, before the beans are destroyed.
      context.addApplicationListener(event -> {
        if (event instanceof ContextClosedEvent) {
          EmbeddedPieces.closeQuietly(piece, name);
        }
      });
    }
  }

  /** Prints the banner once the app is ready; closes everything if the app fails to start. */
  private static final class Lifecycle implements ApplicationListener<SpringApplicationEvent> {

    private final EmbeddedPieces pieces;
    private final EmbeddedMode mode;

    Lifecycle(EmbeddedPieces pieces, EmbeddedMode mode) {
      this.pieces = pieces;
      this.mode = mode;
    }

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
      if (event instanceof ApplicationReadyEvent ready) {
        // How SMS and ads really run (live or dry), not what they run as without credentials.
        ObjectProvider<SystemModes> modes = ready.getApplicationContext().getBeanProvider(SystemModes.class);
        SystemModes.Modes now = modes.getIfAvailable() == null ? null : modes.getIfAvailable().now();
        log.info(EmbeddedBanner.text(mode, now == null ? "dry run: recorded, not sent" : now.sms(),
            now == null ? "dry run: recorded, not sent" : now.ads()));
      } else if (event instanceof ApplicationFailedEvent) {
        // A context that failed before its refresh destroys no beans: without this the servers'
        // threads would keep the JVM alive after "Application run failed".
        pieces.close();
      }
    }
  }
}
