package io.abmsequencer.starter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Payloads in Temporal are encrypted; the codec endpoint lets ops (and the Temporal UI) read them. */
class CodecApiTest extends ApiTestBase {

  @Autowired CodecConnector codecPort;

  @Test
  void temporalHoldsEncryptedPayloadsThatTheCodecEndpointDecodes() throws Exception {
    uploadPlaybook(LIFECYCLE_PLAYBOOK);
    String workflowId = launch("api-lifecycle", "massive-dynamic", "nina@yourco.example", champion("walter@massive-dynamic.example"));
    awaitOpenTask("nina@yourco.example", workflowId);

    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    try {
      // What Temporal stores, read without a key: no e-mail address in clear.
      WorkflowClient plain = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
      Payload input = plain.fetchHistory(workflowId).getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
      assertThat(input.getData().toString(StandardCharsets.ISO_8859_1)).doesNotContain("walter@massive-dynamic.example");

      String request = JsonFormat.printer().print(Payloads.newBuilder().addPayloads(input).build());
      // Never on the app port (no OIDC sign-in configured here): the codec decrypts everything.
      Api.Response onTheAppPort = api.post("/codec/decode", "application/json", request);
      assertThat(onTheAppPort.status()).isEqualTo(404);
      assertThat(onTheAppPort.body()).contains("The codec is not served on this port");

      HttpResponse<String> decoded = codec("/codec/decode", request, "http://localhost:8233");
      assertThat(decoded.statusCode()).isEqualTo(200);
      Payloads.Builder out = Payloads.newBuilder();
      JsonFormat.parser().merge(decoded.body(), out);
      assertThat(out.getPayloads(0).getData().toStringUtf8()).contains("walter@massive-dynamic.example");
      assertThat(decoded.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8233");

      // And back: encode what the UI sends, decode it again.
      HttpResponse<String> encoded = codec("/codec/encode", JsonFormat.printer().print(out.build()), null);
      HttpResponse<String> again = codec("/codec/decode", encoded.body(), null);
      Payloads.Builder roundTrip = Payloads.newBuilder();
      JsonFormat.parser().merge(again.body(), roundTrip);
      assertThat(roundTrip.build()).isEqualTo(out.build());
    } finally {
      stubs.shutdownNow();
    }
    api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }

  @Test
  void garbageIsRefusedAndOtherOriginsGetNoCors() throws Exception {
    HttpResponse<String> bad = codec("/codec/decode", "{\"payloads\": \"nope\"}", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> preflight = preflight("https://evil.example");
    assertThat(preflight.statusCode()).isEqualTo(403);
  }

  /** A browser counts localhost and 127.0.0.1 as two origins; refused, the UI shows payloads encrypted, silently. */
  @Test
  void theLocalUiIsLetInWhetherOpenedAsLocalhostOr127001() throws Exception {
    for (String origin : List.of("http://localhost:8233", "http://127.0.0.1:8233")) {
      HttpResponse<String> preflight = preflight(origin);
      assertThat(preflight.statusCode()).as(origin).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).hasValue(origin);
    }
  }

  @Test
  void bodiesOverOneMegabyteAreRefused() throws Exception {
    String big = "{\"payloads\": [{\"metadata\": {\"encoding\": \"anNvbi9wbGFpbg==\"}, \"data\": \"" + "A".repeat(1_100_000) + "\"}]}";
    HttpResponse<String> refused = codec("/codec/decode", big, null);
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body()).contains("at most 1048576 bytes");
  }

  HttpResponse<String> preflight(String origin) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + codecPort.localPort() + "/codec/decode"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace").build(), HttpResponse.BodyHandlers.ofString());
  }

  /** On the codec's own port (loopback), as the Temporal UI on this machine calls it. */
  HttpResponse<String> codec(String path, String body, String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + codecPort.localPort() + path))
        .header("Content-Type", "application/json").header("X-Namespace", "default")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) request.header("Origin", origin);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
