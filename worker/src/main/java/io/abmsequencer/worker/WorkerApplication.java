package io.abmsequencer.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Temporal worker on its own (production shape): polls task queue {@code abm-sequences},
 * runs the sequence workflow and the activities. Needs an external Temporal, PostgreSQL and SMTP.
 */
@SpringBootApplication(scanBasePackages = "io.abmsequencer.worker")
@org.springframework.context.annotation.Import(ActivitiesConfiguration.class)
public class WorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
