package io.abmsequencer.starter.production;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.History;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ops engineer reaches with the Temporal CLI: the server's own gRPC API, with no codec and
 * nothing of the product's, so every answer is what Temporal itself stores and indexes.
 */
final class OpsClient implements AutoCloseable {
  static final String NAMESPACE = "default";

  private final WorkflowServiceStubs stubs;
  private final OperatorServiceStubs operator;

  OpsClient(String target) {
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
  }

  /** {@code temporal operator search-attribute list}: the custom attributes, by name. */
  Map<String, IndexedValueType> customSearchAttributes() {
    return new TreeMap<>(operator.blockingStub()
        .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE).build())
        .getCustomAttributesMap());
  }

  /** {@code temporal workflow list --query ...}: every execution that matches, all pages. */
  List<WorkflowExecutionInfo> list(String query) {
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse page = stubs.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
          .setNamespace(NAMESPACE).setQuery(query).setPageSize(1000).setNextPageToken(token).build());
      all.addAll(page.getExecutionsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  /** The workflow ids {@link #list} answers, sorted. */
  List<String> listIds(String query) {
    return list(query).stream().map(i -> i.getExecution().getWorkflowId()).sorted().toList();
  }

  /** {@code temporal workflow count --query ...}. */
  long count(String query) {
    return stubs.blockingStub().countWorkflowExecutions(
        CountWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE).setQuery(query).build()).getCount();
  }

  /** One run's whole history as the server stores it, all pages. */
  History history(WorkflowExecution execution) {
    History.Builder history = History.newBuilder();
    ByteString token = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse page = stubs.blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(NAMESPACE).setExecution(execution).setNextPageToken(token).build());
      history.addAllEvents(page.getHistory().getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return history.build();
  }

  /** {@code temporal workflow describe -w ...}: the latest run. */
  DescribeWorkflowExecutionResponse describe(String workflowId) {
    return stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace(NAMESPACE)
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build());
  }

  @Override
  public void close() {
    operator.shutdownNow();
    stubs.shutdownNow();
  }
}
