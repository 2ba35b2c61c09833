package io.abmsequencer.activities.email;

import java.util.Properties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailSettings.class, LinkSettings.class})
class EmailConfiguration {

  /**
   * Jakarta Mail waits forever by default: a server that accepts the connection and then hangs would
   * hold the activity until its start-to-close timeout, and the retry would start while the first
   * attempt still waits. Gives Boot's sender finite socket timeouts unless
   * {@code spring.mail.properties.mail.smtp.*timeout} sets them.
   */
  @Bean
  static BeanPostProcessor smtpTimeoutDefaults() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JavaMailSenderImpl sender) {
          Properties properties = new Properties();
          properties.putAll(sender.getJavaMailProperties());
          for (String protocol : new String[] {"smtp", "smtps"}) {
            properties.putIfAbsent("mail." + protocol + ".connectiontimeout", "10000");
            properties.putIfAbsent("mail." + protocol + ".timeout", "30000");
            properties.putIfAbsent("mail." + protocol + ".writetimeout", "30000");
          }
          sender.setJavaMailProperties(properties);
        }
        return bean;
      }
    };
  }
}
