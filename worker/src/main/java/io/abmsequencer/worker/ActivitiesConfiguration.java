package io.abmsequencer.worker;

import io.abmsequencer.activities.WorkerSide;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * Where a worker runs: the activity beans the worker registers ({@code abm-worker.yaml}), the send
 * path behind them and the audience flusher's schedule (the {@link WorkerSide} beans), on top of
 * {@link RepositoriesConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.abmsequencer.activities", useDefaultFilters = false,
    includeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = WorkerSide.class))
@Import(RepositoriesConfiguration.class)
public class ActivitiesConfiguration {}
