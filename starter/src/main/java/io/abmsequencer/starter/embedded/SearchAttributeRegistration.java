package io.abmsequencer.starter.embedded;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Registers search attributes on the embedded server's {@code default} namespace; names that exist
 * are left alone, so this runs on every start. A workflow that upserts an unregistered attribute
 * fails its workflow task forever, so this happens before any worker starts.
 */
final class SearchAttributeRegistration {

  private SearchAttributeRegistration() {}

  static void register(String target, Map<String, IndexedValueType> attributes) {
    if (attributes.isEmpty()) return;
    // validateAndBuildWithDefaults: plain build() leaves the metrics scope null and NPEs.
    OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    try {
      register(stubs, attributes);
    } finally {
      stubs.shutdownNow();
    }
  }

  static void register(OperatorServiceStubs stubs, Map<String, IndexedValueType> attributes) {
    Map<String, IndexedValueType> missing = new LinkedHashMap<>(attributes);
    try {
      missing.keySet().removeAll(stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
          .getCustomAttributesMap().keySet());
    } catch (StatusRuntimeException e) {
      // The in-memory server cannot list (UNIMPLEMENTED): try them all.
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) throw e;
    }
    // One request per name: a server refuses a whole batch when one name exists.
    missing.forEach((name, type) -> {
      try {
        stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).addSearchAttributes(
            AddSearchAttributesRequest.newBuilder().setNamespace("default").putSearchAttributes(name, type).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) throw e;
      }
    });
  }
}
