package io.abmsequencer.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abmsequencer.activities.email.LinkSettings;
import io.abmsequencer.worker.codec.CodecSettings;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml against what the apps really read, without Docker: a misspelt environment
 * variable is silently ignored by Spring (the app then runs with its default, e.g. an embedded
 * database), so every variable handed to the worker and the starter must bind to a property that
 * exists, the ports must be the apps' ports, and Temporal must get the product's search attributes.
 * And read as a user runs it: a way to sign in, one-shots that survive a transient error, a
 * connection budget that holds the advertised workers, one Temporal version, the UI's origins,
 * secrets that stop compose rather than the apps, and images that package the jar just built.
 */
class ComposeFileTest {
  static final Set<String> SERVICES = Set.of(
      "postgresql", "temporal-admin-tools", "temporal", "temporal-setup", "temporal-ui", "mailpit", "worker", "starter");
  /** Services that run once and exit; every other one must have a health check. */
  static final Set<String> ONE_SHOT = Set.of("temporal-admin-tools", "temporal-setup");
  /** Secrets .env.example leaves empty and ops/new-env.sh generates. */
  static final List<String> SECRETS = List.of("POSTGRES_PASSWORD", "ABM_LINKS_SECRET", "ABM_CODEC_KEY");
  /** The Temporal server line compose runs (the Temporal CLI 1.9.1 ships Server 1.32.0 with UI 2.54.1). */
  static final String TEMPORAL_LINE = "1.32";
  static final String TEMPORAL_UI_LINE = "2.54";
  /** Read through Environment / Binder rather than a @ConfigurationProperties class. */
  static final Set<String> READ_DIRECTLY = Set.of("abm.embedded.enabled");

  static Path root;
  static Map<String, Object> services;
  static KnownProperties known;

  @BeforeAll
  static void load() throws IOException {
    root = repositoryRoot();
    services = map(yaml(root.resolve("docker-compose.yml")).get("services"));
    known = KnownProperties.load(root);
  }

  @Test
  void hasEveryService() {
    assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
  }

  @Test
  void longRunningServicesHaveHealthChecksAndEveryDependencyWaitsForOne() {
    services.forEach((name, definition) -> {
      Map<String, Object> service = map(definition);
      if (!ONE_SHOT.contains(name)) {
        assertThat(service).as("health check of " + name).containsKey("healthcheck");
      }
      Object dependsOn = service.get("depends_on");
      if (dependsOn == null) return;
      assertThat(dependsOn).as(name + ".depends_on needs conditions, not a list").isInstanceOf(Map.class);
      map(dependsOn).forEach((dependency, spec) -> {
        String condition = (String) map(spec).get("condition");
        String expected = ONE_SHOT.contains(dependency) ? "service_completed_successfully" : "service_healthy";
        assertThat(condition).as(name + " depends on " + dependency).isEqualTo(expected);
      });
    });
  }

  @Test
  void everyVariableGivenToTheAppsBindsToAPropertyTheyRead() {
    List<String> unbound = new ArrayList<>();
    for (String app : List.of("worker", "starter")) {
      Map<String, String> environment = environment(app);
      assertThat(environment).as(app + " environment").isNotEmpty();
      environment.keySet().stream().filter(variable -> !known.binds(variable)).forEach(v -> unbound.add(app + ": " + v));
    }
    assertThat(unbound).as("variables that bind to no property the apps read (a typo? a renamed property?)").isEmpty();
  }

  @Test
  void theCheckCatchesATypo() {
    assertThat(known.binds("SPRING_DATASOURCE_URL")).isTrue();
    assertThat(known.binds("SPRING_DATASOURCE_UR")).isFalse();
    assertThat(known.binds("ABM_MAIL_POSTAL_ADDRESS")).isTrue();
    assertThat(known.binds("ABM_MAIL_POSTAL_ADRESS")).isFalse();
    assertThat(known.binds("SPRING_MAIL_PROPERTIES_MAIL_SMTP_FROM")).as("a map entry").isTrue();
  }

  @Test
  void workerAndStarterAreProductionShaped() {
    for (String app : List.of("worker", "starter")) {
      Map<String, String> environment = environment(app);
      assertThat(environment).as(app).containsEntry("ABM_EMBEDDED_ENABLED", "false")
          .containsEntry("SPRING_TEMPORAL_CONNECTION_TARGET", "temporal:7233")
          .containsEntry("SPRING_MAIL_HOST", "mailpit")
          .containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
              "ABM_PUBLIC_URL", "ABM_LINKS_SECRET", "ABM_MAIL_POSTAL_ADDRESS", "ABM_CODEC_KEY");
      assertThat(environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgresql:5432/");
      assertThat(map(services.get(app)).get("build")).as(app + " is built from the repository").isEqualTo("./" + app);
    }
    // The separate worker service polls; the starter, given a Temporal, is a client only (it only
    // starts, signals and queries sequences) and has no worker to switch off.
    for (String app : List.of("worker", "starter")) {
      assertThat(environment(app)).as(app).doesNotContainKey("SPRING_TEMPORAL_STARTWORKERS");
    }
  }

  @Test
  void portsAreTheAppsPorts() throws IOException {
    int starterPort = serverPort("starter");
    int workerPort = serverPort("worker");
    assertThat(starterPort).isEqualTo(8080);
    assertThat(workerPort).isEqualTo(8081);

    List<int[]> starterPorts = publishedPorts("starter");
    assertThat(starterPorts).as("starter host:container ports: the app and the codec").hasSize(2);
    assertThat(starterPorts.get(0)).containsExactly(starterPort, starterPort);
    int codecPort = Integer.parseInt(environment("starter").get("ABM_CODEC_ENDPOINT_PORT"));
    assertThat(starterPorts.get(1)).containsExactly(codecPort, codecPort);
    // Both published on the host's loopback only; the codec decrypts everything.
    assertThat(strings(map(services.get("starter")).get("ports"))).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    assertThat(healthCheck("starter")).contains("http://127.0.0.1:" + starterPort + "/actuator/health");

    // The worker publishes nothing, so that `--scale worker=N` does not fight over a host port.
    assertThat(map(services.get("worker"))).doesNotContainKey("ports");
    assertThat((List<?>) map(services.get("worker")).get("expose")).map(String::valueOf).containsExactly(String.valueOf(workerPort));
    assertThat(healthCheck("worker")).contains("http://127.0.0.1:" + workerPort + "/actuator/health");
  }

  @Test
  void theTemporalUiDecodesPayloadsThroughTheStarterWhicheverLocalNameItIsOpenedBy() {
    Map<String, String> ui = environment("temporal-ui");
    // The codec's own port as the browser reaches it, never the app's port (it decrypts everything).
    int codecHostPort = publishedPorts("starter").get(1)[0];
    assertThat(ui.get("TEMPORAL_CODEC_ENDPOINT")).isEqualTo("http://localhost:" + codecHostPort + "/codec");
    assertThat(environment("starter")).containsEntry("ABM_CODEC_ENDPOINT_ADDRESS", "0.0.0.0");
    assertThat(ui.get("TEMPORAL_ADDRESS")).isEqualTo("temporal:7233");
    // localhost and 127.0.0.1 are two origins to a browser, and both reach the published port: the UI
    // must accept both, and so must the codec endpoint (called by the browser from the UI's page),
    // else the UI silently shows encrypted payloads.
    int uiHostPort = publishedPorts("temporal-ui").get(0)[0];
    List<String> uiOrigins = List.of("http://localhost:" + uiHostPort, "http://127.0.0.1:" + uiHostPort);
    assertThat(ui.get("TEMPORAL_CORS_ORIGINS").split(",")).containsExactlyInAnyOrderElementsOf(uiOrigins);
    assertThat(environment("starter").get("ABM_CODEC_CORSORIGINS").split(",")).containsAll(uiOrigins);
    // And the app's own default, for a UI on this machine without compose.
    assertThat(new CodecSettings(null, null, null, false).corsOrigins()).contains("http://localhost:8233", "http://127.0.0.1:8233");
  }

  /**
   * A fresh database has no users and {@code /api/users} needs an admin: the starter must get the
   * first admin from .env (optional: without it the starter generates one and prints it once).
   */
  @Test
  void aFreshInstallationHasAWayToSignIn() throws IOException {
    Map<String, String> starter = environment("starter");
    assertThat(starter).containsEntry("ABM_ADMIN_USERNAME", "${ABM_ADMIN_USERNAME:-}")
        .containsEntry("ABM_ADMIN_PASSWORD", "${ABM_ADMIN_PASSWORD:-}");
    assertThat(known.binds("ABM_ADMIN_USERNAME")).isTrue();
    assertThat(known.binds("ABM_ADMIN_PASSWORD")).isTrue();
    assertThat(envFile(root.resolve(".env.example"))).containsKeys("ABM_ADMIN_USERNAME", "ABM_ADMIN_PASSWORD");
    // Where to find the generated password: said in the file's header and in the README.
    assertThat(header()).contains("ABM_ADMIN_USERNAME", "docker compose logs starter");
    assertThat(readmeComposeSection()).contains("ABM_ADMIN_USERNAME", "docker compose logs starter");
  }

  /**
   * Everything after temporal-setup waits for it to complete: a call to Temporal that fails once
   * must be tried again, not end the script under {@code set -e}; and a failed one-shot runs again.
   */
  @Test
  void theOneShotsRetryTheirCallsAndRunAgainAfterAFailure() {
    for (String oneShot : ONE_SHOT) {
      assertThat(String.valueOf(map(services.get(oneShot)).get("restart"))).as(oneShot + ".restart").matches("on-failure(:\\d+)?");
    }
    String script = String.join("\n", strings(map(services.get("temporal-setup")).get("command"))).replace("\\\n", " ");
    assertThat(script).contains("set -eu", "namespace describe", "namespace create", "search-attribute create");
    List<String> unretried = new ArrayList<>();
    for (String line : script.split("\n")) {
      String statement = line.strip();
      if (!statement.matches(".*\\btemporal (operator|workflow)\\b.*")) continue;
      boolean retried = statement.startsWith("until ") && statement.endsWith("; do");
      boolean mayFail = statement.matches("temporal (operator|workflow) [^|]*\\|\\| echo .*");
      if (!retried && !mayFail) unretried.add(statement);
    }
    assertThat(unretried).as("calls to Temporal outside an until-loop (and not allowed to fail)").isEmpty();
  }

  /**
   * PostgreSQL serves the apps' pools and Temporal's: with the number of workers the file and the
   * README advertise, they must all fit under max_connections, and the formula in both must be the
   * file's numbers. Unset values count as the defaults (the apps', Temporal's template's, PostgreSQL's 100).
   */
  @Test
  void postgresqlHoldsEveryPoolWithTheAdvertisedNumberOfWorkers() throws IOException {
    String compose = Files.readString(root.resolve("docker-compose.yml"));
    String readme = readmeComposeSection();
    Set<Integer> advertised = new LinkedHashSet<>();
    Matcher scale = Pattern.compile("--scale worker=(\\d+)").matcher(compose + readme);
    while (scale.find()) advertised.add(Integer.parseInt(scale.group(1)));
    assertThat(advertised).as("the advertised --scale worker=N, one number").hasSize(1);
    int workers = advertised.iterator().next();

    int maxConnections = 100;
    Matcher setting = Pattern.compile("max_connections=(\\d+)").matcher(String.join(" ", strings(map(services.get("postgresql")).get("command"))));
    if (setting.find()) maxConnections = Integer.parseInt(setting.group(1));

    Map<String, Object> defaults = yaml(root.resolve("worker/src/main/resources/abm-defaults.yaml"));
    int appPool = ((Number) path(defaults, "spring.datasource.hikari.maximum-pool-size")).intValue();
    int workerPool = Integer.parseInt(environment("worker").getOrDefault("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", String.valueOf(appPool)));
    int starterPool = Integer.parseInt(environment("starter").getOrDefault("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", String.valueOf(appPool)));
    // Temporal's server runs frontend, history, matching and worker (temporal.DefaultServices) unless
    // told otherwise; each opens its own main and visibility pools (config_template_embedded.yaml
    // defaults: SQL_MAX_CONNS 20, SQL_VIS_MAX_CONNS 10).
    Map<String, String> temporal = environment("temporal");
    int temporalServices = temporal.containsKey("TEMPORAL_SERVICES") ? temporal.get("TEMPORAL_SERVICES").split(",").length : 4;
    int main = Integer.parseInt(temporal.getOrDefault("SQL_MAX_CONNS", "20"));
    int visibility = Integer.parseInt(temporal.getOrDefault("SQL_VIS_MAX_CONNS", "10"));
    int spare = 10;

    int needed = workers * workerPool + starterPool + temporalServices * (main + visibility) + spare;
    String formula = String.format("%d × %d + %d + %d × (%d + %d) + %d = %d ≤ %d",
        workers, workerPool, starterPool, temporalServices, main, visibility, spare, needed, maxConnections);
    assertThat(needed).as(formula).isLessThanOrEqualTo(maxConnections);
    assertThat(compose).as("the formula in the compose file").contains(formula);
    assertThat(readme).as("the formula in the README").contains(formula);

    // A send holds a connection until its SENT is committed: the sends at once stay well under the pool.
    int sends = Integer.parseInt(environment("worker").getOrDefault("ABM_MAIL_MAXPARALLELSENDS",
        String.valueOf(path(defaults, "abm.mail.max-parallel-sends"))));
    assertThat(sends * 2).as("abm.mail.max-parallel-sends " + sends + " against the worker's pool of " + workerPool)
        .isLessThanOrEqualTo(workerPool);
  }

  /**
   * Server and admin-tools (its schemas and CLI) are one release: one version for all three
   * containers. The line is the one the Temporal CLI 1.9.1 ships (Server 1.32.0, UI 2.54.1), with
   * the UI Temporal released with it.
   */
  @Test
  void temporalServerAndAdminToolsAreOneVersionOfTheCurrentLineWithItsUi() {
    Map<String, String> images = new TreeMap<>();
    for (String service : List.of("temporal", "temporal-admin-tools", "temporal-setup", "temporal-ui")) {
      images.put(service, String.valueOf(map(services.get(service)).get("image")));
    }
    String version = images.get("temporal").substring("temporalio/server:".length());
    assertThat(version).as("one variable, so that they cannot drift apart").matches("\\$\\{TEMPORAL_VERSION:-\\d+\\.\\d+\\.\\d+}");
    assertThat(images.get("temporal-admin-tools")).isEqualTo("temporalio/admin-tools:" + version);
    assertThat(images.get("temporal-setup")).isEqualTo("temporalio/admin-tools:" + version);
    assertThat(version).as("the Temporal server line").startsWith("${TEMPORAL_VERSION:-" + TEMPORAL_LINE + ".");
    assertThat(images.get("temporal-ui")).startsWith("temporalio/ui:" + TEMPORAL_UI_LINE + ".");
  }

  /**
   * The placeholders of .env.example must not get past compose's guard and then fail the apps' own
   * checks (a restart loop instead of a message): the secrets are empty there, the guard says how to
   * make them, and ops/new-env.sh writes a .env whose secrets the apps accept.
   */
  @Test
  void envExampleStopsComposeUntilTheSecretsAreSetAndNewEnvWritesOnesTheAppsAccept(@TempDir Path dir) throws Exception {
    String compose = Files.readString(root.resolve("docker-compose.yml"));
    Map<String, String> guards = new LinkedHashMap<>();
    Matcher guard = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?([^}]*)}").matcher(compose);
    while (guard.find()) guards.put(guard.group(1), guard.group(2));
    Map<String, String> example = envFile(root.resolve(".env.example"));
    for (String secret : SECRETS) {
      assertThat(guards).as(secret + " is required").containsKey(secret);
      assertThat(example.get(secret)).as(secret + " in .env.example: empty, so that compose stops and says why").isEmpty();
      assertThat(guards.get(secret)).as("the message of " + secret).contains("ops/new-env.sh");
    }
    assertThat(guards.get("ABM_LINKS_SECRET")).contains("openssl rand -base64 32");
    assertThat(guards.get("ABM_CODEC_KEY")).contains("openssl rand -base64 32");

    Path env = dir.resolve(".env");
    assertThat(newEnv(env).exitCode()).isZero();
    Map<String, String> generated = envFile(env);
    for (String required : guards.keySet()) {
      assertThat(generated.get(required)).as(required + " in the generated .env").isNotBlank();
    }
    // What the apps check at startup.
    assertThatCode(() -> new LinkSettings(generated.get("ABM_PUBLIC_URL"), new LinkSettings.Links(generated.get("ABM_LINKS_SECRET"), List.of())))
        .doesNotThrowAnyException();
    assertThatCode(() -> new EncryptingCodec(generated.get("ABM_CODEC_KEY"), List.of())).doesNotThrowAnyException();
    assertThat(generated.get("POSTGRES_PASSWORD")).hasSizeGreaterThanOrEqualTo(32).matches("[0-9a-f]+");
    // Every .env.example setting is kept, only the secrets are filled in.
    example.forEach((name, value) -> {
      if (!SECRETS.contains(name)) assertThat(generated).containsEntry(name, value);
    });

    // Never overwritten (its keys decrypt what is stored); a second one gets its own secrets.
    String first = Files.readString(env);
    Run again = newEnv(env);
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.output()).contains("exists");
    assertThat(Files.readString(env)).isEqualTo(first);
    Path other = dir.resolve("other.env");
    assertThat(newEnv(other).exitCode()).isZero();
    for (String secret : SECRETS) assertThat(envFile(other).get(secret)).isNotEqualTo(generated.get(secret));

    // With docker-compose at hand (CI installs it), compose itself: the generated file passes, the example stops it.
    if (onPath("docker-compose")) {
      Run accepted = dockerCompose(env);
      assertThat(accepted.exitCode()).as(accepted.output()).isZero();
      Run refused = dockerCompose(root.resolve(".env.example"));
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.output()).contains("ops/new-env.sh");
    }
  }

  /**
   * The images copy a jar of a fixed name (a wildcard breaks with two versions in target/), the one
   * the module builds; and since `image:` with `build:` reuses an image built earlier, the file's
   * header and the README both start it with --build.
   */
  @Test
  void theImagesPackageTheJarsTheBuildNamesAndAreRebuiltOnUp() throws IOException {
    for (String app : List.of("worker", "starter")) {
      String pom = Files.readString(root.resolve(app + "/pom.xml"));
      Matcher finalName = Pattern.compile("<finalName>([^<$]+)</finalName>").matcher(pom);
      assertThat(finalName.find()).as(app + " has a fixed <finalName>, whatever the version").isTrue();
      Matcher classifier = Pattern.compile("<classifier>([^<]+)</classifier>").matcher(pom);
      String jar = "target/" + finalName.group(1) + (classifier.find() ? "-" + classifier.group(1) : "") + ".jar";
      List<String> copies = Files.readAllLines(root.resolve(app + "/Dockerfile")).stream()
          .map(String::strip).filter(l -> l.startsWith("COPY ")).toList();
      assertThat(copies).as(app + "/Dockerfile").isNotEmpty().noneMatch(c -> c.contains("*") || c.contains("?"));
      assertThat(copies).as(app + "/Dockerfile copies " + jar).anyMatch(c -> c.split("\\s+")[1].equals(jar));
    }
    for (String text : List.of(header(), readmeComposeSection())) {
      assertThat(text).contains("docker compose up --build");
      assertThat(text).as("a bare `docker compose up`: the images would keep the jars of their last build")
          .doesNotContainPattern("(?m)docker compose up[ \\t]*($|[.,;)`])");
    }
    assertThat(Files.readString(root.resolve("README.md"))).doesNotContain("abm-worker-*");
  }

  @Test
  void temporalGetsExactlyTheProductsSearchAttributesWithinPostgresLimits() {
    String script = String.join("\n", strings(map(services.get("temporal-setup")).get("command")));
    Map<String, String> registered = new LinkedHashMap<>();
    Matcher m = Pattern.compile("--name\\s+(\\w+)\\s+--type\\s+(\\w+)").matcher(script);
    while (m.find()) {
      assertThat(registered.put(m.group(1), m.group(2))).as("registered twice: " + m.group(1)).isNull();
    }
    Map<String, String> product = new LinkedHashMap<>();
    SequenceSearchAttributes.definitions().forEach((name, type) -> product.put(name, cliType(type)));
    assertThat(registered).containsExactlyInAnyOrderEntriesOf(product);

    // A PostgreSQL-backed Temporal has a fixed number of custom attributes per type and namespace.
    Map<String, Long> perType = registered.values().stream().collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
    Map<String, Integer> limits = Map.of("Keyword", 10, "Int", 3, "Datetime", 3, "Double", 3, "Bool", 3, "Text", 3, "KeywordList", 3);
    perType.forEach((type, count) -> assertThat(count).as(type).isLessThanOrEqualTo(limits.get(type)));
  }

  @Test
  void temporalIsConfiguredForPostgresqlAndItsSchemasComeFromAdminTools() {
    Map<String, String> server = environment("temporal");
    assertThat(server).containsEntry("DB", "postgres12").containsEntry("POSTGRES_SEEDS", "postgresql");
    assertThat(String.valueOf(map(services.get("temporal")).get("image"))).startsWith("temporalio/server:");
    String schemaScript = String.join("\n", strings(map(services.get("temporal-admin-tools")).get("command")));
    assertThat(schemaScript).contains("schema temporal temporal", "schema temporal_visibility visibility", "update-schema");
    assertThat(environment("temporal-admin-tools")).containsEntry("SQL_PLUGIN", "postgres12");
    services.values().forEach(s -> assertThat(String.valueOf(map(s).get("image"))).doesNotContain("auto-setup"));
  }

  @Test
  void secretsComeFromTheEnvironmentAndEnvExampleHasEveryVariable() throws IOException {
    String compose = Files.readString(root.resolve("docker-compose.yml"));
    Set<String> referenced = new LinkedHashSet<>();
    Set<String> withDefault = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)(:-)?").matcher(compose);
    while (m.find()) {
      referenced.add(m.group(1));
      if (m.group(2) != null) withDefault.add(m.group(1));
    }
    Set<String> example = new LinkedHashSet<>(envFile(root.resolve(".env.example")).keySet());
    // A variable with a default may be shown commented out (#NAME=value): unset, the default applies.
    Set<String> commented = Files.readAllLines(root.resolve(".env.example")).stream()
        .map(String::strip).filter(l -> l.matches("#[A-Z][A-Z0-9_]*=.*"))
        .map(l -> l.substring(1, l.indexOf('='))).collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(withDefault).as("commented out in .env.example, so they need a default").containsAll(commented);
    example.addAll(commented);
    assertThat(example).containsExactlyInAnyOrderElementsOf(referenced);
    for (String secret : List.of("ABM_LINKS_SECRET", "ABM_CODEC_KEY", "SPRING_DATASOURCE_PASSWORD")) {
      assertThat(environment("worker").get(secret)).as(secret).startsWith("${");
    }
  }

  // --- the compose file ---

  static Map<String, String> environment(String service) {
    Object environment = map(services.get(service)).get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> entries) {
      entries.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else if (environment instanceof List<?> lines) {
      for (Object line : lines) {
        String text = String.valueOf(line);
        int eq = text.indexOf('=');
        result.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
      }
    }
    return result;
  }

  /** [host port, container port] of each {@code ports} entry ("127.0.0.1:8080:8080", "8080:8080"). */
  static List<int[]> publishedPorts(String service) {
    List<int[]> result = new ArrayList<>();
    for (String entry : strings(map(services.get(service)).get("ports"))) {
      String[] parts = entry.replaceFirst("/tcp$", "").split(":");
      int container = Integer.parseInt(parts[parts.length - 1]);
      int host = parts.length >= 2 ? Integer.parseInt(parts[parts.length - 2]) : container;
      result.add(new int[] {host, container});
    }
    return result;
  }

  static String healthCheck(String service) {
    return String.join(" ", strings(map(map(services.get(service)).get("healthcheck")).get("test")));
  }

  /** The comment block the file starts with. */
  static String header() throws IOException {
    StringBuilder header = new StringBuilder();
    for (String line : Files.readAllLines(root.resolve("docker-compose.yml"))) {
      if (!line.startsWith("#") && !line.isBlank()) break;
      header.append(line).append('\n');
    }
    return header.toString();
  }

  /** The README's section on docker compose, up to the next heading of its level. */
  static String readmeComposeSection() throws IOException {
    String readme = Files.readString(root.resolve("README.md"));
    int start = readme.indexOf("### Run it with docker compose");
    assertThat(start).as("the README's docker compose section").isNotNegative();
    int end = readme.indexOf("\n### ", start + 1);
    return end < 0 ? readme.substring(start) : readme.substring(start, end);
  }

  /** NAME=value lines of an env file (comments and blank lines skipped), as docker compose reads them. */
  static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) continue;
      int eq = text.indexOf('=');
      values.put(text.substring(0, eq), text.substring(eq + 1));
    }
    return values;
  }

  /** A value of a nested YAML map by its dotted path ("spring.datasource.hikari.maximum-pool-size"). */
  static Object path(Map<String, Object> yaml, String dotted) {
    Object value = yaml;
    for (String key : dotted.split("\\.")) value = map(value).get(key);
    assertThat(value).as(dotted).isNotNull();
    return value;
  }

  record Run(int exitCode, String output) {}

  static Run newEnv(Path out) throws IOException, InterruptedException {
    return run(List.of("bash", root.resolve("ops/new-env.sh").toString(), out.toString()));
  }

  static Run dockerCompose(Path envFile) throws IOException, InterruptedException {
    return run(List.of("docker-compose", "--env-file", envFile.toString(), "-f", root.resolve("docker-compose.yml").toString(),
        "config", "-q"));
  }

  static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Run(process.exitValue(), output);
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) return true;
    }
    return false;
  }

  static int serverPort(String app) throws IOException {
    Map<String, Object> server = map(yaml(root.resolve(app + "/src/main/resources/application.yaml")).get("server"));
    return ((Number) server.get("port")).intValue();
  }

  static String cliType(IndexedValueType type) {
    String[] words = type.name().substring("INDEXED_VALUE_TYPE_".length()).toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder();
    for (String word : words) name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    return name.toString();
  }

  // --- plumbing ---

  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("starter"))) return dir;
    }
    throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
  }

  static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  static List<String> strings(Object value) {
    if (value == null) return List.of();
    if (value instanceof List<?> list) return list.stream().map(String::valueOf).toList();
    return List.of(String.valueOf(value));
  }

  /**
   * Every property name the worker and the starter read: Spring Boot's and the Temporal starter's
   * (their configuration metadata on the classpath), ours (the @ConfigurationProperties records of
   * io.abmsequencer, the keys of the apps' YAML files and the few read directly). Properties with
   * map or list values accept any name below them.
   */
  record KnownProperties(Set<ConfigurationPropertyName> leaves, Set<ConfigurationPropertyName> containers) {

    static KnownProperties load(Path root) throws IOException {
      KnownProperties known = new KnownProperties(new LinkedHashSet<>(), new LinkedHashSet<>());
      known.addSpringMetadata();
      for (String file : List.of("starter/src/main/resources/application.yaml", "worker/src/main/resources/application.yaml",
          "worker/src/main/resources/abm-defaults.yaml")) {
        known.addYaml("", yaml(root.resolve(file)));
      }
      known.addConfigurationPropertiesOf("io.abmsequencer");
      READ_DIRECTLY.forEach(known::leaf);
      return known;
    }

    /** Whether Spring binds this environment variable to one of the known properties. */
    boolean binds(String variable) {
      SystemEnvironmentPropertySource environment =
          new SystemEnvironmentPropertySource("systemEnvironment", Map.of(variable, "x"));
      ConfigurationPropertySource source = ConfigurationPropertySource.from(environment);
      if (leaves.stream().anyMatch(name -> source.getConfigurationProperty(name) != null)) return true;
      List<ConfigurationPropertyName> names = ((IterableConfigurationPropertySource) source).stream().toList();
      return containers.stream().anyMatch(c -> source.getConfigurationProperty(c) != null
          || names.stream().anyMatch(c::isAncestorOf));
    }

    void addSpringMetadata() throws IOException {
      ObjectMapper json = new ObjectMapper();
      Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
      while (files.hasMoreElements()) {
        try (InputStream in = files.nextElement().openStream()) {
          for (JsonNode property : json.readTree(in).path("properties")) {
            String type = property.path("type").asText("");
            if (type.startsWith("java.util.Map") || type.startsWith("java.util.List") || type.startsWith("java.util.Set")) {
              container(property.path("name").asText());
            } else {
              leaf(property.path("name").asText());
            }
          }
        }
      }
    }

    void addYaml(String prefix, Map<String, Object> yaml) {
      yaml.forEach((key, value) -> {
        String name = prefix.isEmpty() ? key : prefix + "." + key;
        if (value instanceof Map<?, ?> nested) {
          addYaml(name, map(nested));
        } else if (value instanceof Collection<?>) {
          container(name);
        } else {
          leaf(name);
        }
      });
    }

    void addConfigurationPropertiesOf(String basePackage) {
      ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
      scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
      for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
        Class<?> type;
        try {
          type = Class.forName(candidate.getBeanClassName());
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
        addProperties(prefix, type);
      }
      assertThat(leaves).as("our own settings were found").contains(ConfigurationPropertyName.of("abm.mail.postal-address"));
    }

    void addProperties(String prefix, Class<?> type) {
      Map<String, Class<?>> properties = new LinkedHashMap<>();
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) properties.put(component.getName(), component.getType());
      } else {
        for (var descriptor : BeanUtils.getPropertyDescriptors(type)) {
          if (descriptor.getWriteMethod() != null) properties.put(descriptor.getName(), descriptor.getPropertyType());
        }
      }
      properties.forEach((javaName, propertyType) -> {
        String name = prefix + "." + javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        if (Map.class.isAssignableFrom(propertyType) || Collection.class.isAssignableFrom(propertyType) || propertyType.isArray()) {
          container(name);
        } else if (propertyType.getName().startsWith("io.abmsequencer.") && !propertyType.isEnum()) {
          addProperties(name, propertyType);
        } else {
          leaf(name);
        }
      });
    }

    void leaf(String name) {
      leaves.add(ConfigurationPropertyName.of(name));
    }

    void container(String name) {
      containers.add(ConfigurationPropertyName.of(name));
    }
  }
}
