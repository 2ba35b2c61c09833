package io.abmsequencer.activities;

import io.abmsequencer.activities.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of this module's Spring tests: the whole module on a fresh PostgreSQL database per class.
 * Mail goes nowhere unless a test points {@code spring.mail.*} at a server.
 */
@SpringBootTest(
    classes = ActivitiesTestApp.class,
    properties = {
      "spring.main.banner-mode=off",
      "spring.mail.host=127.0.0.1",
      "spring.mail.port=9",
      "spring.datasource.hikari.maximum-pool-size=4",
      "abm.mail.from-domain=sales.example.com",
      "abm.mail.senders[jane].name=Jane Doe",
      "abm.mail.senders[jane].email=jane.doe@acme-sales.example",
      "abm.mail.senders[zoe].name=Zoë Ångström",
      "abm.mail.senders[zoe].email=zoe@acme-sales.example"
    })
@DirtiesContext
public abstract class DatabaseTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }
}
