package io.abmsequencer.starter.codec;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Temporal UI's remote codec: the UI posts the encrypted payloads it shows and gets them back
 * readable (and the other way round). Same keys as the workers ({@code abm.codec.*}). Answers on
 * its own port (loopback or internal) to anyone there, and on the app port only to a caller whose
 * OIDC access token {@link CodecAccess} accepts; bodies are held to {@code
 * abm.codec.endpoint.max-body-size}. CORS is opened to the UI's origins only (see {@link CodecCors}).
 */
@RestController
class CodecController {
  private final RemoteCodec codec;
  private final CodecAccess access;
  private final CodecConnector connector;
  private final long maxBody;

  CodecController(RemoteCodec codec, CodecAccess access, CodecConnector connector, CodecEndpointSettings settings) {
    this.codec = codec;
    this.access = access;
    this.connector = connector;
    this.maxBody = settings.maxBodySize().toBytes();
  }

  @PostMapping(value = "/codec/decode", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> decode(HttpServletRequest request, @RequestHeader(value = "Authorization", required = false) String auth)
      throws IOException {
    return apply(request, auth, codec::decode);
  }

  @PostMapping(value = "/codec/encode", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> encode(HttpServletRequest request, @RequestHeader(value = "Authorization", required = false) String auth)
      throws IOException {
    return apply(request, auth, codec::encode);
  }

  private ResponseEntity<String> apply(HttpServletRequest request, String auth, UnaryOperator<String> operation) throws IOException {
    if (!codec.enabled()) return error(HttpStatus.NOT_FOUND, "Payload encryption is off (abm.codec.plaintext): payloads are stored readable");
    CodecAccess.Refusal refused = access.check(connector.isOwnPort(request.getLocalPort()), auth);
    if (refused != null) return error(HttpStatus.valueOf(refused.status()), refused.message());
    if (request.getContentLengthLong() > maxBody) return tooLarge();
    String body;
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes((int) maxBody + 1);
      if (bytes.length > maxBody) return tooLarge();
      body = new String(bytes, StandardCharsets.UTF_8);
    }
    try {
      return ResponseEntity.ok(operation.apply(body));
    } catch (RemoteCodec.Refused e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  private ResponseEntity<String> tooLarge() {
    return error(HttpStatus.CONTENT_TOO_LARGE, "A codec request may hold at most " + maxBody + " bytes (abm.codec.endpoint.max-body-size)");
  }

  private static ResponseEntity<String> error(HttpStatus status, String message) {
    String json = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json);
  }
}
