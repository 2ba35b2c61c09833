package io.abmsequencer.starter.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks a port before anything starts, so a busy port fails in milliseconds with a message that
 * names the property, instead of half-starting the infrastructure (GreenMail logs a stack trace,
 * zonky would silently talk to whatever already listens there).
 */
final class Ports {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private Ports() {}

  static void requireFree(int port, String property, String usualOccupant) {
    if (port == 0) {
      return;
    }
    if (!isFree(port)) {
      throw inUse(port, property, usualOccupant, null);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port free on loopback right now, for a piece asked to pick one (port 0) it cannot pick itself. */
  static int free() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(LOOPBACK, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }

  static EmbeddedStartupException inUse(
      int port, String property, String usualOccupant, Throwable cause) {
    return new EmbeddedStartupException(
        property + " " + port + " is in use: another ABM Sequencer or " + usualOccupant + " runs here",
        "stop it or set " + property + " (0 picks a free port)",
        cause);
  }
}
