package io.abmsequencer.starter.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The visibility queries the README's "Operating" section gives ops: the filters for the Temporal
 * UI and the {@code temporal workflow list|count --query} examples, read from the README itself so
 * that a query added or changed there is run here too.
 */
final class ReadmeQueries {
  static final Path README = Path.of("..", "README.md");
  private static final Pattern CLI = Pattern.compile("temporal workflow (?:list|count) --query \"([^\"]+)\"");

  private ReadmeQueries() {}

  /** Every distinct query of the section, in the order it gives them. */
  static List<String> operating() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("\n## Operating\n");
    if (start < 0) throw new IllegalStateException("README.md has no '## Operating' section");
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Set<String> queries = new LinkedHashSet<>();
    boolean inBlock = false;
    for (String line : section.split("\n")) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock) continue;
      if (line.startsWith("Abm")) queries.add(line.strip());
      Matcher cli = CLI.matcher(line);
      if (cli.find()) queries.add(cli.group(1));
    }
    return List.copyOf(queries);
  }
}
