package io.abmsequencer.starter.codec;

import io.abmsequencer.worker.codec.CodecSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The codec's own port: a second Tomcat connector bound to {@code abm.codec.endpoint.address}
 * (loopback by default), serving the same application, of which only {@code /codec} answers there
 * without a token. Checked before the server starts, so a taken port names its property.
 */
public final class CodecConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final CodecSettings codec;
  private final CodecEndpointSettings settings;
  private volatile Connector connector;

  CodecConnector(CodecSettings codec, CodecEndpointSettings settings) {
    this.codec = codec;
    this.settings = settings;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (!codec.enabled() || !settings.ownPort()) return;
    requireFree();
    Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    connector.setPort(settings.port());
    connector.setProperty("address", settings.address());
    connector.setMaxPostSize((int) settings.maxBodySize().toBytes());
    factory.addAdditionalConnectors(connector);
    this.connector = connector;
  }

  /** The codec's own port once the server runs, or -1 when it has none. */
  public int localPort() {
    Connector c = connector;
    return c == null ? -1 : c.getLocalPort();
  }

  /** True when the request came in on the codec's own port. */
  boolean isOwnPort(int localPort) {
    Connector c = connector;
    return c != null && c.getLocalPort() == localPort;
  }

  private void requireFree() {
    if (settings.port() == 0) return;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(settings.address()), settings.port()));
    } catch (IOException e) {
      throw new IllegalStateException(CodecEndpointSettings.PORT + " " + settings.port() + " on " + settings.address()
          + " is in use (another ABM Sequencer?): stop it or set " + CodecEndpointSettings.PORT + " (0 picks a free port)", e);
    }
  }
}
