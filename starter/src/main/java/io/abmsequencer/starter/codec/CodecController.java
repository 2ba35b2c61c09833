package io.abmsequencer.starter.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Temporal UI's remote codec: the UI posts the encrypted payloads it shows and gets them back
 * readable (and the other way round). Same keys as the workers ({@code abm.codec.*}). Callers must
 * present {@code abm.codec.access-token} when one is set (the UI passes its user's token with
 * "pass access token" on); CORS is opened to the UI's origins only (see {@link CodecCors}).
 */
@RestController
class CodecController {
  private final RemoteCodec codec;
  private final String accessToken;

  CodecController(RemoteCodec codec, @Value("${abm.codec.access-token:}") String accessToken) {
    this.codec = codec;
    this.accessToken = accessToken;
  }

  @PostMapping(value = "/codec/decode", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> decode(@RequestBody String body, @RequestHeader(value = "Authorization", required = false) String auth) {
    return apply(body, auth, codec::decode);
  }

  @PostMapping(value = "/codec/encode", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> encode(@RequestBody String body, @RequestHeader(value = "Authorization", required = false) String auth) {
    return apply(body, auth, codec::encode);
  }

  private ResponseEntity<String> apply(String body, String auth, UnaryOperator<String> operation) {
    if (!codec.enabled()) return error(HttpStatus.NOT_FOUND, "Payload encryption is off (no abm.codec.key): payloads are stored readable");
    if (!accessToken.isBlank() && !authorised(auth)) return error(HttpStatus.UNAUTHORIZED, "A valid access token is required");
    try {
      return ResponseEntity.ok(operation.apply(body));
    } catch (RemoteCodec.Refused e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  private boolean authorised(String header) {
    if (header == null || !header.startsWith("Bearer ")) return false;
    return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), accessToken.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<String> error(HttpStatus status, String message) {
    String json = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json);
  }
}
