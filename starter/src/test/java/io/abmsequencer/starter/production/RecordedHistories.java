package io.abmsequencer.starter.production;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Histories from the real server for the replay corpus ({@code workflows/src/test/resources/histories/},
 * replayed by {@code ReplayTest}). The product runs with a codec key here, so every payload is
 * decrypted before writing: the corpus is replayed with the plain data converter, as ops would read
 * it through the codec endpoint. Written only with {@code -Dabm.recordHistories=true}, as the
 * workflow tests record theirs, and never over an existing file: a committed history was recorded
 * by older code, which is the point of keeping it.
 */
final class RecordedHistories {
  static final Path CORPUS = Path.of("..", "workflows", "src", "test", "resources", "histories");

  private RecordedHistories() {}

  /** Writes {@code real-server-<name>.json} when recording is asked for and the file is new. */
  static void record(String name, String workflowId, History raw, PayloadCodec codec) {
    if (!Boolean.getBoolean("abm.recordHistories")) return;
    Path file = CORPUS.resolve("real-server-" + name + ".json");
    if (Files.exists(file)) return;
    try {
      Files.writeString(file, new WorkflowExecutionHistory(decode(raw, codec), workflowId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The history with every payload (inputs, results, memos, summaries, failure attributes) decoded. */
  static History decode(History raw, PayloadCodec codec) {
    return (History) decode((Message) raw, codec);
  }

  @SuppressWarnings("unchecked")
  private static Message decode(Message message, PayloadCodec codec) {
    if (message instanceof Payload payload) return codec.decode(List.of(payload)).get(0);
    Message.Builder builder = message.toBuilder();
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor descriptor = field.getKey();
      if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) continue;
      if (descriptor.isRepeated()) { // lists and maps (a map is a list of entry messages)
        builder.clearField(descriptor);
        for (Message element : (List<Message>) field.getValue()) builder.addRepeatedField(descriptor, decode(element, codec));
      } else {
        builder.setField(descriptor, decode((Message) field.getValue(), codec));
      }
    }
    return builder.build();
  }
}
