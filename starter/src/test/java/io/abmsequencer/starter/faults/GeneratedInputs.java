package io.abmsequencer.starter.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The inputs of the corpus too big to commit ({@code generated:<name>} in a manifest), built at run
 * time. Each is described in {@code src/test/resources/bad-input/README.md}.
 */
final class GeneratedInputs {
  static final String CSV_HEADER = "account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,phone,timezone";

  private GeneratedInputs() {}

  /**
   * @param bodyLimit {@code abm.web.max-body-size} in bytes
   * @param jsonLimit {@code abm.web.max-json-body-size} in bytes
   */
  static byte[] build(String name, long bodyLimit, long jsonLimit) {
    return switch (name) {
      case "yaml-5mb" -> utf8(playbook("description: \"" + "x".repeat(5 * 1024 * 1024) + "\"\n"));
      case "yaml-over-body-limit" -> utf8(playbook("description: \"" + "x".repeat((int) bodyLimit) + "\"\n"));
      case "yaml-10k-steps" -> {
        StringBuilder yaml = new StringBuilder("id: ten-thousand-steps\nname: Ten thousand steps\nmotion: NEW_LOGO\ntier: ONE_TO_MANY\nsteps:\n");
        for (int i = 0; i < 10_000; i++) yaml.append("  - {id: w").append(i).append(", wait: 1 day}\n");
        yield utf8(yaml.toString());
      }
      case "csv-100001-rows" -> csv(100_001, null);
      case "csv-100000-rows-last-bad" -> csv(99_999, "acct-last,Account Last,last.example,SaaS,1:9,jane.doe@yourco.example,nobody,Zoë,O'Brien,VP,CHAMPION,,");
      case "csv-unclosed-quote" -> utf8(CSV_HEADER + "\nacme,\"Acme " + "x".repeat(200_000) + "\n");
      case "csv-over-body-limit" -> {
        byte[] rows = csv(100, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) bodyLimit + 1024);
        out.writeBytes(rows);
        String filler = "acct-filler,Filler,filler.example,SaaS,1:1,jane.doe@yourco.example,f@filler.example,F,F," + "x".repeat(1000) + ",CHAMPION,,\n";
        byte[] line = utf8(filler);
        while (out.size() <= bodyLimit) out.writeBytes(line);
        yield out.toByteArray();
      }
      case "json-over-limit" -> utf8("{\"eventId\": \"big-1\", \"accountId\": \"" + "a".repeat((int) jsonLimit) + "\", \"type\": \"WEBSITE_VISIT\","
          + " \"occurredAt\": \"2026-11-01T10:00:00Z\"}");
      case "preview-5k-contacts" -> {
        StringBuilder json = new StringBuilder("{\"contacts\": [");
        for (int i = 0; i < 5_000; i++) json.append(i == 0 ? "" : ",").append("{\"name\": \"P").append(i).append("\", \"role\": \"CHAMPION\"}");
        yield utf8(json.append("]}").toString());
      }
      default -> throw new IllegalArgumentException("no generated input '" + name + "'");
    };
  }

  private static String playbook(String extra) {
    return "id: too-big\nname: Too big\nmotion: NEW_LOGO\ntier: ONE_TO_FEW\n" + extra + "steps:\n  - id: w\n    wait: 1 day\n";
  }

  /** A valid list of {@code rows} contacts (five per account), then {@code lastRow} when given. */
  private static byte[] csv(int rows, String lastRow) {
    StringBuilder out = new StringBuilder(rows * 130).append(CSV_HEADER).append('\n');
    for (int i = 0; i < rows; i++) {
      int account = i / 5;
      out.append("acct-").append(account).append(",Account ").append(account).append(",acct").append(account)
          .append(".example,SaaS,1:1,jane.doe@yourco.example,p").append(i).append("@acct").append(account)
          .append(".example,Zoë,O'Brien,VP Engineering,CHAMPION,,Europe/Berlin\n");
    }
    if (lastRow != null) out.append(lastRow).append('\n');
    return utf8(out.toString());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
