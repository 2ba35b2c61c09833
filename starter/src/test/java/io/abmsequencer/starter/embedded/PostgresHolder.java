package io.abmsequencer.starter.embedded;

import java.nio.file.Path;

/** A JVM that starts the embedded PostgreSQL and waits to be killed, leaving its postmaster behind. */
public final class PostgresHolder {
  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Integer.parseInt(args[0]), Path.of(args[1]));
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
