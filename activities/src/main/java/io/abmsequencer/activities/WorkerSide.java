package io.abmsequencer.activities;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean that belongs where a Temporal worker runs: an activity implementation, or the send path
 * and schedules behind one (guards, caps, platform clients, the audience flusher). The worker's
 * component scan includes these; an app that is only a Temporal client (the starter in production
 * mode) scans the rest of the activities module — its repositories, queries and settings — and
 * leaves these out, so it can neither send nor run an activity.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WorkerSide {}
