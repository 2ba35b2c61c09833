package io.abmsequencer.bench.simulation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.concurrent.atomic.AtomicLong;

/** The raw loop's activity: does nothing, returns at once. */
@ActivityInterface
public interface NoopActivity {

  @ActivityMethod(name = "noop")
  String touch(String what);

  class Impl implements NoopActivity {
    public final AtomicLong calls = new AtomicLong();

    @Override
    public String touch(String what) {
      calls.incrementAndGet();
      return what;
    }
  }
}
