package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedSettingsTest {

  @Test
  void defaultsRunEverythingOnTheDocumentedPorts() {
    EmbeddedSettings settings = EmbeddedSettings.from(environment(Map.of()));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.startTemporal()).isTrue();
    assertThat(settings.startPostgres()).isTrue();
    assertThat(settings.startSmtp()).isTrue();
    assertThat(settings.temporalPort()).isEqualTo(7233);
    assertThat(settings.postgresPort()).isEqualTo(54329);
    assertThat(settings.postgresDataDir())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".abm-sequencer", "postgres").toString());
    assertThat(settings.postgresTemporary()).isFalse();
    assertThat(settings.smtpPort()).isEqualTo(2525);
    assertThat(settings.imapPort()).isEqualTo(2143);
    assertThat(settings.searchAttributes()).isEmpty();
  }

  @Test
  void externalSettingsAndTheSwitchTurnPiecesOff() {
    EmbeddedSettings external = EmbeddedSettings.from(environment(Map.of(
        "spring.temporal.connection.target", "temporal:7233",
        "spring.datasource.url", "jdbc:postgresql://db/abm",
        "spring.mail.host", "smtp.example.com")));
    EmbeddedSettings blank = EmbeddedSettings.from(environment(Map.of("spring.mail.host", " ")));
    EmbeddedSettings testServer = EmbeddedSettings.from(environment(Map.of("spring.temporal.test-server.enabled", "true")));
    EmbeddedSettings off = EmbeddedSettings.from(environment(Map.of("abm.embedded.enabled", "false")));

    assertThat(external.startTemporal() || external.startPostgres() || external.startSmtp()).isFalse();
    assertThat(blank.startSmtp()).isTrue();
    assertThat(testServer.startTemporal()).isFalse();
    assertThat(off.startTemporal() || off.startPostgres() || off.startSmtp()).isFalse();
  }

  @Test
  void searchAttributeTypesAcceptShortAndProtoNames() {
    EmbeddedSettings settings = EmbeddedSettings.from(environment(Map.of(
        "abm.embedded.temporal.search-attributes.AbmAccountId", "Keyword",
        "abm.embedded.temporal.search-attributes.AbmScore", "int",
        "abm.embedded.temporal.search-attributes.AbmNextTouch", "INDEXED_VALUE_TYPE_DATETIME",
        "abm.embedded.temporal.search-attributes.AbmContacts", "keyword-list")));

    assertThat(settings.searchAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "AbmAccountId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        "AbmScore", IndexedValueType.INDEXED_VALUE_TYPE_INT,
        "AbmNextTouch", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
        "AbmContacts", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST));
  }

  @Test
  void badValuesNameTheProperty() {
    assertThatThrownBy(() -> EmbeddedSettings.from(environment(Map.of(
            "abm.embedded.temporal.search-attributes.AbmTier", "Enum"))))
        .isInstanceOf(EmbeddedStartupException.class)
        .hasMessageContaining("abm.embedded.temporal.search-attributes.AbmTier has the unknown type 'Enum'")
        .hasMessageContaining("KEYWORD");
    assertThatThrownBy(() -> EmbeddedSettings.from(environment(Map.of("abm.embedded.smtp.port", "70000"))))
        .isInstanceOf(EmbeddedStartupException.class)
        .hasMessageContaining("abm.embedded.smtp.port is 70000, not a port");
  }

  @Test
  void temporaryDataDirectory() {
    assertThat(EmbeddedSettings.from(environment(Map.of("abm.embedded.postgres.data-dir", "temp"))).postgresTemporary())
        .isTrue();
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
