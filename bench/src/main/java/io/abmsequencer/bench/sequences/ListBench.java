package io.abmsequencer.bench.sequences;

import io.abmsequencer.bench.launch.LaunchBench;
import io.abmsequencer.bench.launch.TargetList;
import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.ConsoleSession;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark 6 (console issue): the sequences list with 5,000 sequences, time per page, through
 * the REST API ({@code GET /api/sequences}, HTTP Basic) and the console's page ({@code GET
 * /sequences}, signed in with a session), against a trivial request of the same kind on the same
 * server in the same run: {@code GET /api/system} (same security chain, JSON, no database) and the
 * console's sign-in page {@code GET /login} (same layout and Thymeleaf, no database). Goal: under
 * 300 ms a page, fast enough for a marketer clicking through.
 *
 * <p>Runs in the product's executable jar, embedded mode, like the launch benchmark; the 5,000
 * sequences are launched through the API first (not timed) and parked on their send window.
 */
public final class ListBench {
  static final int REPS = 30;
  static final int WARM = 20;

  record Measured(String path, List<Double> millis, int bytes) {
    double median() {
      return Stats.median(millis);
    }

    double p90() {
      double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
    }
  }

  public static void main(String[] argv) {
    Jvm.main("list", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    int size = args.intOption("size", 5_000);
    String zone = TargetList.nightZone(Instant.now());
    Results.progress("starting the product in embedded mode ...");
    ConfigurableApplicationContext context = LaunchBench.startProduct(args, io.abmsequencer.bench.support.Servers.Kind.IN_MEMORY);
    try {
      String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
      LaunchBench.pool = context.getBean(com.zaxxer.hikari.HikariDataSource.class);
      JdbcClient jdbc = context.getBean(JdbcClient.class);
      LaunchBench.Api api = new LaunchBench.Api(base);
      Results.progress("launching %,d accounts through the API (not timed) ...", size);
      LaunchBench.launch(api, "list", size, zone, false);
      LaunchBench.awaitParked(jdbc, size);
      int rows = jdbc.sql("select count(*) from sequences").query(Integer.class).single();

      ConsoleSession console = ConsoleSession.signIn(base, "marketer", "marketer-demo");
      int pageSize = 50;
      int lastPage = (rows - 1) / pageSize;
      int middle = lastPage / 2;
      // Each request: name, how it is sent (api: HTTP Basic; console: the signed-in session), path.
      Map<String, String[]> requests = new LinkedHashMap<>();
      requests.put("api-baseline", new String[] {"api", "/api/system"});
      requests.put("api-first", new String[] {"api", "/api/sequences?page=0&size=" + pageSize});
      requests.put("api-middle", new String[] {"api", "/api/sequences?page=" + middle + "&size=" + pageSize});
      requests.put("api-last", new String[] {"api", "/api/sequences?page=" + lastPage + "&size=" + pageSize});
      requests.put("api-filtered", new String[] {"api", "/api/sequences?status=WAITING&tier=ONE_TO_MANY&minScore=0&page=" + middle + "&size=" + pageSize});
      requests.put("console-baseline", new String[] {"console", "/login"});
      requests.put("console-first", new String[] {"console", "/sequences"});
      requests.put("console-middle", new String[] {"console", "/sequences?page=" + middle});
      requests.put("console-last", new String[] {"console", "/sequences?page=" + lastPage});
      requests.put("console-filtered", new String[] {"console", "/sequences?status=WAITING&tier=ONE_TO_MANY&page=" + middle});

      Map<String, List<Double>> times = new LinkedHashMap<>();
      Map<String, Integer> bytes = new LinkedHashMap<>();
      requests.keySet().forEach(k -> times.put(k, new ArrayList<>()));
      Results.progress("warm-up: %d of each request", WARM);
      for (int r = 0; r < WARM; r++) {
        for (var e : requests.entrySet()) send(api, console, e.getValue());
      }
      // Interleaved: one of each request per round, so the shared machine's drift hits all of them alike.
      Results.progress("measuring: %d rounds of %d requests", REPS, requests.size());
      for (int r = 0; r < REPS; r++) {
        for (var e : requests.entrySet()) {
          long t0 = System.nanoTime();
          String body = send(api, console, e.getValue());
          times.get(e.getKey()).add(Stats.millis(System.nanoTime() - t0));
          bytes.put(e.getKey(), body.length());
        }
      }

      Table table = new Table("6. Sequences list: " + Table.count(rows) + " sequences, time per page of " + pageSize,
          "what", "median (p90)", "response", "ratio to baseline", "goal", "result");
      for (String side : List.of("api", "console")) {
        String baselineKey = side + "-baseline";
        double baseline = Stats.median(times.get(baselineKey));
        for (var e : requests.entrySet()) {
          if (!e.getKey().startsWith(side + "-")) continue;
          Measured m = new Measured(e.getValue()[1], times.get(e.getKey()), bytes.get(e.getKey()));
          boolean isBaseline = e.getKey().equals(baselineKey);
          String what = (isBaseline ? "baseline: " : "product: ") + "GET " + m.path()
              + (isBaseline ? (side.equals("api") ? " (HTTP Basic, JSON, no database)" : " (signed in, Thymeleaf layout, no database)") : "");
          table.row(what, Table.num(m.median(), 1) + " ms (" + Table.num(m.p90(), 1) + ")", Table.num(m.bytes() / 1024.0, 1) + " KiB",
              isBaseline ? "1.00" : Table.ratio(m.median() / baseline), isBaseline ? "" : "< 300 ms",
              isBaseline ? "" : Table.below(m.median(), 300));
        }
      }
      table.note("%,d sequences in the read model (PostgreSQL table sequences), all launched through POST /api/launches and parked on "
          + "their send window; pages of %d; first, middle (page %d) and last (page %d) page, and the middle page of a filter "
          + "(status, tier, score) that matches every row.", rows, pageSize, middle, lastPage);
      table.note("Median and 90th percentile of %d requests each, after %d warm-up requests each; the requests interleave (one of each "
          + "per round). One client thread, java.net.http over loopback; the API as the marketer demo user with HTTP Basic on every "
          + "request (no session), the console signed in once through its form (session cookie).", REPS, WARM);
      table.note("HTTP Basic without a session checks the user's bcrypt hash on every API request, the baseline's too: that check, "
          + "not the list, is most of an API request's time (compare GET /api/system with the console's GET /login).");
      table.note("The goal is absolute (a marketer's patience), the ratio says how much of it the list itself costs beyond a trivial "
          + "request through the same stack.");
      Results.publish(args, table);
    } finally {
      LaunchBench.stopProduct(context);
    }
  }

  private static String send(LaunchBench.Api api, ConsoleSession console, String[] request) throws Exception {
    HttpResponse<String> response = request[0].equals("api") ? api.get(request[1]) : console.get(request[1]);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + request[1] + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
