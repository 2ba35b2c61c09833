package io.abmsequencer.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.workflows.sequence.Payloads;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptingCodecTest {
  static final String KEY_A = randomKey();
  static final String KEY_B = randomKey();

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String echo(String contact);
  }

  public static class EchoImpl implements Echo {
    @Override
    public String echo(String contact) {
      return "hello " + contact;
    }
  }

  @Test
  void temporalStoresNoPayloadInClear() {
    DataConverter encrypting = new CodecDataConverter(Payloads.dataConverter(), List.of(new EncryptingCodec(KEY_A, List.of())), true);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(encrypting).build()).build())) {
      Worker worker = env.newWorker("codec");
      worker.registerWorkflowImplementationTypes(EchoImpl.class);
      env.start();
      Echo echo = env.getWorkflowClient().newWorkflowStub(Echo.class, WorkflowOptions.newBuilder().setTaskQueue("codec").setWorkflowId("codec-1").build());
      assertThat(echo.echo("Zoë O'Brien <zoe@globex.example>")).isEqualTo("hello Zoë O'Brien <zoe@globex.example>");

      // What the server holds: read with a client that has no key.
      WorkflowClient plain = WorkflowClient.newInstance(env.getWorkflowServiceStubs(), WorkflowClientOptions.newBuilder().build());
      List<HistoryEvent> events = plain.fetchHistory("codec-1").getEvents();
      Payload input = events.get(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
      assertThat(input.getData().toString(StandardCharsets.ISO_8859_1)).doesNotContain("zoe@globex.example");
      assertThat(input.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
      Payload result = events.stream().filter(HistoryEvent::hasWorkflowExecutionCompletedEventAttributes).findFirst().orElseThrow()
          .getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0);
      assertThat(result.getData().toString(StandardCharsets.ISO_8859_1)).doesNotContain("zoe@globex.example");

      // With the key, the same bytes read back.
      assertThat(encrypting.fromPayload(input, String.class, String.class)).isEqualTo("Zoë O'Brien <zoe@globex.example>");
    }
  }

  @Test
  void rotationDecryptsWithOldKeysAndEncryptsWithTheCurrentOne() {
    EncryptingCodec before = new EncryptingCodec(KEY_A, List.of());
    EncryptingCodec after = new EncryptingCodec(KEY_B, List.of(KEY_A));
    Payload old = before.encode(List.of(json("\"zoe@globex.example\""))).get(0);
    assertThat(after.decode(List.of(old)).get(0)).isEqualTo(json("\"zoe@globex.example\""));
    Payload fresh = after.encode(List.of(json("1"))).get(0);
    assertThat(fresh.getMetadataMap().get(EncryptingCodec.KEY_ID).toStringUtf8()).isEqualTo(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
    // Unencrypted payloads (written before encryption was on) pass through.
    assertThat(after.decode(List.of(json("2")))).containsExactly(json("2"));
  }

  @Test
  void aWrongOrMissingKeySaysWhatToDo() {
    Payload sealed = new EncryptingCodec(KEY_A, List.of()).encode(List.of(json("\"x\""))).get(0);
    assertThatThrownBy(() -> new EncryptingCodec(KEY_B, List.of()).decode(List.of(sealed)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("which this process does not have")
        .hasMessageContaining("abm.codec.previous-keys");
    Payload tampered = sealed.toBuilder().setData(sealed.getData().concat(com.google.protobuf.ByteString.copyFromUtf8("!"))).build();
    assertThatThrownBy(() -> new EncryptingCodec(KEY_A, List.of()).decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class).hasMessageContaining("does not decrypt");
    assertThatThrownBy(() -> new EncryptingCodec("not base64!", List.of())).hasMessageContaining("abm.codec.key is not base64");
    assertThatThrownBy(() -> new EncryptingCodec(Base64.getEncoder().encodeToString(new byte[16]), List.of()))
        .hasMessageContaining("abm.codec.key must be 32 bytes");
  }

  static Payload json(String value) {
    return Payload.newBuilder()
        .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
        .setData(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
  }

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
