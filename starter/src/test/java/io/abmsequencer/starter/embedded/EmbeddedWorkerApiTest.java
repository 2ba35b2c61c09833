package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.ads.AudienceFlusher;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Embedded mode, the README's first command: the starter hosts the worker beside its Temporal, with
 * every activity bean and the audience flusher, in the one process (production mode is a Temporal
 * client only: StarterClientOnlyTest).
 */
class EmbeddedWorkerApiTest extends ApiTestBase {
  @Autowired ApplicationContext context;

  @Test
  void theStarterHostsTheWorkerWithEveryActivity() {
    assertThat(context.getBean(WorkerFactory.class).getWorker("abm-sequences")).as("the worker on the task queue").isNotNull();
    assertThat(List.of("emailChannel", "smsChannel", "adAudiences", "sdrTasks", "reviews", "sequenceRecords", "playbookCatalog", "digests"))
        .allSatisfy(name -> assertThat(context.containsBean(name)).as(name).isTrue());
    assertThat(context.getBeanNamesForType(AudienceFlusher.class)).hasSize(1);
  }
}
