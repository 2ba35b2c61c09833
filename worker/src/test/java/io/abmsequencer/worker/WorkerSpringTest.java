package io.abmsequencer.worker;

import io.abmsequencer.activities.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests of the worker as deployed: the Spring-registered workflow and activity beans
 * against Temporal's test server and a real PostgreSQL (a fresh database per class). A subclass
 * points {@code spring.mail.*} at its SMTP server.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    properties = {"spring.temporal.test-server.enabled=true", "server.port=0", "abm.mail.from-domain=yourco.example",
        // As in production: payloads encrypted (a worker without a key refuses to start).
        "abm.codec.key=ZmF1bHQtcmlnLWNvZGVjLWtleS0zMi1ieXRlcy0wMDA="})
abstract class WorkerSpringTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired WorkflowClient client;
  @Value("${abm.task-queue}") String taskQueue;
}
