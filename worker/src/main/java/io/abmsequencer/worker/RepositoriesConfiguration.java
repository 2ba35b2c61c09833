package io.abmsequencer.worker;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.ads.AdsSettings;
import io.abmsequencer.activities.sms.SmsSettings;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The activities module without its {@link WorkerSide} beans: repositories, queries, link tokens,
 * the mail composer and the settings. What a Temporal client (the starter in production mode)
 * reads and writes; {@link ActivitiesConfiguration} adds the activities and the send path where a
 * worker runs. The SMS and ads settings are bound here because their configurations are worker-side.
 * An app of its own in those packages (the activities module's test app, on test classpaths) is not
 * a bean of this library, and would scan the worker side back in.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.abmsequencer.activities",
    excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = {WorkerSide.class, SpringBootConfiguration.class}))
@EnableConfigurationProperties({SmsSettings.class, AdsSettings.class})
public class RepositoriesConfiguration {}
