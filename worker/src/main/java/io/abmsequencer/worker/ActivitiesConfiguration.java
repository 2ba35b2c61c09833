package io.abmsequencer.worker;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The activity beans and their repositories (activities/ is a library of Spring components). */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.abmsequencer.activities")
public class ActivitiesConfiguration {}
