package io.abmsequencer.workflows.sequence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * The data converter every worker, client and test uses. Payloads evolve by adding fields with
 * defaults; ignoring unknown fields lets a worker still on the previous release read payloads a
 * newer starter wrote.
 */
public final class Payloads {
  private Payloads() {}

  public static ObjectMapper objectMapper() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper();
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return mapper;
  }

  public static DataConverter dataConverter() {
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(objectMapper()));
  }
}
