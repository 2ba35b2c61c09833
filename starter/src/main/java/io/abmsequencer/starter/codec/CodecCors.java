package io.abmsequencer.starter.codec;

import io.abmsequencer.worker.codec.CodecSettings;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The Temporal UI calls the codec endpoint from the browser: allow its origins, nothing else. */
@Configuration(proxyBeanMethods = false)
class CodecCors implements WebMvcConfigurer {
  private final CodecSettings settings;

  CodecCors(CodecSettings settings) {
    this.settings = settings;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/codec/**")
        .allowedOrigins(settings.corsOrigins().toArray(String[]::new))
        .allowedMethods("POST", "OPTIONS")
        .allowedHeaders("Content-Type", "X-Namespace", "Authorization")
        .allowCredentials(true);
  }
}
