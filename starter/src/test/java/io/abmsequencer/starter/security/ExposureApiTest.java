package io.abmsequencer.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** What the all-embedded demo shows to whom: the network sees nothing, anonymous callers little. */
class ExposureApiTest extends ApiTestBase {

  @Autowired Environment environment;

  @Test
  void healthSaysUpToAnyoneAndItsDetailsOnlyToSignedInOps() {
    Api.Response anonymous = api.as(null, null).get("/actuator/health");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.body()).doesNotContain("components", "db", "temporal", "mail", "127.0.0.1");

    Api.Response marketer = api.as("marketer", "marketer-demo").get("/actuator/health");
    assertThat(marketer.body()).doesNotContain("components");

    Api.Response ops = api.as("ops", "ops-demo").get("/actuator/health");
    assertThat(ops.get("components").has("db")).isTrue();
    assertThat(ops.get("components").has("temporal")).isTrue();
  }

  @Test
  void theDemoConsoleListensOnLoopbackOnly() throws Exception {
    assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    Optional<InetAddress> lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(i -> !isLoopback(i))
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address)
        .findFirst();
    assumeTrue(lan.isPresent(), "this machine has no network address besides loopback");
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(lan.get(), port), 2_000);
      }
    }).as("the console on %s:%d", lan.get(), port).isInstanceOf(java.io.IOException.class);
  }

  private static boolean isLoopback(NetworkInterface networkInterface) {
    try {
      return networkInterface.isLoopback() || !networkInterface.isUp();
    } catch (java.net.SocketException e) {
      return true;
    }
  }
}
