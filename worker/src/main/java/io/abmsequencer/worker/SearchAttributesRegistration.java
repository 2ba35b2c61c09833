package io.abmsequencer.worker;

import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the namespace has the sequences' search attributes before any worker polls: a
 * workflow that upserts an unregistered attribute fails its task forever. Registers what is
 * missing; where the cluster does not let us (Temporal Cloud, restricted permissions) the start
 * fails with the command an operator runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@EnableConfigurationProperties(NamespaceSettings.class)
public class SearchAttributesRegistration implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributesRegistration.class);

  private final WorkflowServiceStubs stubs;
  private final String namespace;

  public SearchAttributesRegistration(WorkflowServiceStubs stubs, NamespaceSettings settings) {
    this.stubs = stubs;
    this.namespace = settings.namespace();
  }

  @Override
  public void run(ApplicationArguments args) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> missing = missing(operator);
      if (missing.isEmpty()) return;
      operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).addSearchAttributes(
          AddSearchAttributesRequest.newBuilder().setNamespace(namespace).putAllSearchAttributes(missing).build());
      log.info("Registered search attributes {} on namespace {}", missing.keySet(), namespace);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) return;
      throw new IllegalStateException("The search attributes of ABM sequences are not registered on namespace " + namespace
          + " and could not be registered (" + e.getStatus() + "). Register them once with:\n" + commands(), e);
    } finally {
      operator.shutdown();
    }
  }

  /** What the namespace lacks; everything when the server cannot list (Temporal's test server). */
  private Map<String, IndexedValueType> missing(OperatorServiceStubs operator) {
    Map<String, IndexedValueType> wanted = new LinkedHashMap<>(SequenceSearchAttributes.definitions());
    try {
      var existing = operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
      wanted.keySet().removeAll(existing.getCustomAttributesMap().keySet());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) throw e;
    }
    return wanted;
  }

  static String commands() {
    return SequenceSearchAttributes.definitions().entrySet().stream()
        .map(e -> "  temporal operator search-attribute create --name " + e.getKey() + " --type " + cliType(e.getValue()))
        .collect(Collectors.joining("\n"));
  }

  private static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      default -> "Keyword";
    };
  }
}
