package io.abmsequencer.starter.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.abmsequencer.worker.TemporalConfiguration;
import io.abmsequencer.worker.codec.CodecSettings;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/**
 * The Temporal UI's remote codec protocol: {@code {"payloads": [...]}} in protobuf JSON, encoded or
 * decoded with the workers' keys.
 */
@Service
class RemoteCodec {

  /** The request could not be read, or a payload could not be decrypted; the message says which. */
  static class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final EncryptingCodec codec;

  RemoteCodec(CodecSettings settings) {
    this.codec = TemporalConfiguration.payloadCodec(settings);
  }

  boolean enabled() {
    return codec != null;
  }

  String decode(String json) {
    return apply(json, p -> Payloads.newBuilder().addAllPayloads(codec.decode(p.getPayloadsList())).build());
  }

  String encode(String json) {
    return apply(json, p -> Payloads.newBuilder().addAllPayloads(codec.encode(p.getPayloadsList())).build());
  }

  private String apply(String json, UnaryOperator<Payloads> operation) {
    Payloads.Builder in = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(json, in);
    } catch (InvalidProtocolBufferException e) {
      throw new Refused("Expected {\"payloads\": [{\"metadata\": {...}, \"data\": \"<base64>\"}]}: " + e.getMessage());
    }
    try {
      return JsonFormat.printer().print(operation.apply(in.build()));
    } catch (PayloadCodecException e) {
      throw new Refused(e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
