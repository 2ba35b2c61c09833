package io.abmsequencer.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.Control;
import io.abmsequencer.workflows.sequence.SequenceStatus;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;

/** Another Temporal client on 127.0.0.1 sees the sequences; the API answers bad input with problem+json. */
class InteropAndErrorsApiTest extends ApiTestBase {

  @Test
  void anIndependentTemporalClientDescribesQueriesAndSignals() {
    uploadPlaybook(LIFECYCLE_PLAYBOOK);
    String workflowId = launch("api-lifecycle", "cyberdyne", "miles@yourco.example", champion("sarah@cyberdyne.example"));
    awaitSequence(workflowId, s -> "AWAITING_TASK".equals(status(s)));

    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    try {
      // Without the key a client sees the workflow but cannot read its payloads (they are encrypted)...
      WorkflowClient keyless = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> keyless.newWorkflowStub(AccountSequenceWorkflow.class, workflowId).status())
          .hasStackTraceContaining("binary/encrypted");
      // ...with it (as ops configure the CLI and UI with the codec), it describes, queries and signals.
      WorkflowClient outsider = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default")
          .setDataConverter(new io.temporal.common.converter.CodecDataConverter(io.abmsequencer.workflows.sequence.Payloads.dataConverter(),
              java.util.List.of(new io.abmsequencer.worker.codec.EncryptingCodec(CODEC_KEY, java.util.List.of())), true))
          .build());
      WorkflowStub untyped = outsider.newUntypedWorkflowStub(workflowId);
      WorkflowExecutionInfo info = untyped.describe().getWorkflowExecutionInfo();
      assertThat(info.getType().getName()).isEqualTo("AccountSequence");
      assertThat(untyped.describe().getStaticSummary()).contains("New-logo 1:few for cyberdyne Inc");

      AccountSequenceWorkflow typed = outsider.newWorkflowStub(AccountSequenceWorkflow.class, workflowId);
      SequenceStatus status = typed.status();
      assertThat(status.status()).isEqualTo(SequenceStatusCode.AWAITING_TASK);
      assertThat(status.openTasks()).hasSize(1);
      typed.pause(new Control("ops-cli", null));
      awaitSequence(workflowId, s -> "PAUSED".equals(status(s)));
      typed.cancel(new Control("ops-cli", "cleanup"));
      awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void badBodiesGetProblemDetailsNamingTheField() {
    Api.Response notJson = api.postJson("/api/sequences", "{\"account\": ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.contentType()).startsWith("application/problem+json");
    assertThat(notJson.get("detail").asText()).contains("not valid JSON");

    Api.Response wrongShape = api.postJson("/api/sequences", "{\"account\": \"acme\"}");
    assertThat(wrongShape.status()).isEqualTo(400);
    assertThat(wrongShape.get("detail").asText()).startsWith("account");

    Api.Response invalid = api.postJson("/api/sequences", """
        {"account": {"id": "bad id!", "name": ""}, "owner": "", "playbook": "api-lifecycle",
         "contacts": [{"email": "nope", "firstName": "", "role": "CFO", "phone": "555", "timeZone": "Mars/Base"}]}
        """);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.get("errors").findValuesAsString("field")).containsExactly(
        "account.id", "account.name", "owner", "contacts[0].email", "contacts[0].firstName", "contacts[0].role",
        "contacts[0].phone", "contacts[0].timeZone");

    Api.Response json = api.post("/api/playbooks", "application/json", "{}");
    assertThat(json.status()).isEqualTo(415);
    assertThat(json.headers().firstValue("Accept")).as("a 415 says what would be taken").hasValueSatisfying(v -> assertThat(v).contains("yaml"));
    Api.Response delete = api.call("DELETE", "/api/playbooks");
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow")).as("a 405 says which methods are allowed").hasValueSatisfying(v -> assertThat(v).contains("POST"));
    assertThat(api.get("/api/nowhere").status()).isEqualTo(404);
    assertThat(api.get("/api/tasks?state=closed").get("errors").get(0).get("field").asText()).isEqualTo("state");
  }

  @Test
  void theApiIsDescribedInOpenApiAndHealthIsUp() {
    Api.Response docs = api.get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("/api/launches", "/api/playbooks/{id}/preview", "/api/tasks/{taskId}/complete");
    Api.Response health = api.get("/actuator/health");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.body()).contains("\"temporal\"", "\"db\"");
    Api.Response system = api.get("/api/system");
    assertThat(system.get("embedded").asBoolean()).isTrue();
    assertThat(system.get("sms").asText()).startsWith("dry run");
    assertThat(system.get("ads").asText()).startsWith("dry run");
    assertThat(system.get("payloadsEncrypted").asBoolean()).isTrue();
    Api.Response metrics = api.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("abm_sequences{", "status=\"WAITING\"", "temporal_");
  }
}
