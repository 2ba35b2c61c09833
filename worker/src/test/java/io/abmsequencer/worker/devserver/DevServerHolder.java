package io.abmsequencer.worker.devserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A JVM that starts a dev server and then waits to be killed: what the product is to its server. */
public final class DevServerHolder {
  public static void main(String[] args) throws Exception {
    DevServer server = DevServer.start(new DevServer.Options(
        Path.of(args[0]), "127.0.0.1", Integer.parseInt(args[1]), -1, Path.of(args[2]), Path.of(args[3]),
        Map.of(), null, Duration.ofSeconds(60)));
    System.out.println("READY " + server.target());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
