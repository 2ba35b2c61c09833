package io.abmsequencer.starter.web;

import java.time.Instant;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON bodies are read as written, not guessed at: a misspelt field, a number where the API takes
 * text or an enum name, a fraction where it takes a whole number, an epoch number where it takes an
 * ISO-8601 instant, or a field sent twice is a 400 naming the field ({@link JsonProblems}), never
 * silently dropped or converted — {@code {"outcome": 1}} must not complete a task as SKIPPED, nor
 * {@code "reasn"} pause a sequence without its reason.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  @Bean
  JsonMapperBuilderCustomizer strictJsonBodies() {
    return builder -> builder
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .withCoercionConfig(LogicalType.Textual, text -> text
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, whole -> whole.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .addModule(new SimpleModule("abm-iso-instants").addDeserializer(Instant.class, new IsoInstant()));
  }

  /** Instants as ISO-8601 text only: a bare number could be seconds, milliseconds or nanoseconds. */
  static final class IsoInstant extends ValueDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
  }
}
