package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Starts the product's own embedded mail server on free ports, as the embedded mode does. */
final class EmbeddedMailServers {

  private EmbeddedMailServers() {}

  static EmbeddedMailServer start() {
    try {
      // Package-private: only the embedded mode's initializer starts one in the product.
      Method start = EmbeddedMailServer.class.getDeclaredMethod("start", int.class, int.class);
      start.setAccessible(true);
      return (EmbeddedMailServer) start.invoke(null, 0, 0);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("could not start the embedded mail server", e);
    }
  }
}
