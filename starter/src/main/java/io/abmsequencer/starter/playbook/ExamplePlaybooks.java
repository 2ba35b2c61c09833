package io.abmsequencer.starter.playbook;

import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the playbooks shipped in {@code playbooks/} on startup (embedded mode's first run), so the
 * tour has something to preview and launch. A playbook already stored is left as it is.
 */
@Component
@ConditionalOnProperty(name = "abm.examples.load", havingValue = "true", matchIfMissing = true)
class ExamplePlaybooks implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(ExamplePlaybooks.class);

  private final PlaybookStore store;

  ExamplePlaybooks(PlaybookStore store) {
    this.store = store;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:playbooks/*.yaml");
    for (Resource file : files) {
      String yaml = file.getContentAsString(StandardCharsets.UTF_8);
      Playbook playbook = PlaybookParser.parse(yaml);
      if (store.latest(playbook.id()).isPresent()) continue;
      var stored = store.save(yaml, playbook, "examples");
      log.info("Loaded example playbook {} ({})", stored.ref(), playbook.name());
    }
  }
}
