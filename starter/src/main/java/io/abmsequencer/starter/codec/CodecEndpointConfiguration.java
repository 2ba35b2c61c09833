package io.abmsequencer.starter.codec;

import io.abmsequencer.worker.codec.CodecSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The codec endpoint's port and access. A key with neither its own port nor an OIDC provider would
 * leave the endpoint that decrypts everything either unusable or open: the start is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecEndpointSettings.class)
class CodecEndpointConfiguration {

  @Bean
  CodecConnector codecConnector(CodecSettings codec, CodecEndpointSettings settings) {
    if (codec.enabled() && !settings.ownPort() && !settings.oidc().configured()) {
      throw new IllegalStateException("The codec endpoint decrypts every payload: give it its own port (" + CodecEndpointSettings.PORT
          + ", on loopback or an internal address) or sign the Temporal UI in with OIDC (abm.codec.endpoint.oidc.*); "
          + CodecEndpointSettings.PORT + "=" + settings.port() + " and no OIDC leave neither");
    }
    if (settings.oidc().configured() && !settings.oidc().missing().isEmpty()) {
      throw new IllegalStateException("abm.codec.endpoint.oidc is incomplete: set " + String.join(", ", settings.oidc().missing()));
    }
    return new CodecConnector(codec, settings);
  }

  @Bean
  CodecAccess codecAccess(CodecEndpointSettings settings) {
    return new CodecAccess(settings);
  }
}
