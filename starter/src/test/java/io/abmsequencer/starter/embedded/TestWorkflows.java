package io.abmsequencer.starter.embedded;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** Trivial workflows that exercise the embedded Temporal server from a real worker. */
final class TestWorkflows {

  static final SearchAttributeKey<String> TEST_KEYWORD = SearchAttributeKey.forKeyword("AbmTestKeyword");

  private TestWorkflows() {}

  @WorkflowInterface
  public interface Greeting {
    @WorkflowMethod
    String greet(String name);
  }

  public static class GreetingImpl implements Greeting {
    @Override
    public String greet(String name) {
      return "Hello " + name;
    }
  }

  @WorkflowInterface
  public interface Sleeper {
    /** Sleeps that many days and returns the workflow clock's advance in hours. */
    @WorkflowMethod
    long sleepDays(int days);
  }

  public static class SleeperImpl implements Sleeper {
    @Override
    public long sleepDays(int days) {
      long before = Workflow.currentTimeMillis();
      Workflow.sleep(Duration.ofDays(days));
      return Duration.ofMillis(Workflow.currentTimeMillis() - before).toHours();
    }
  }

  @WorkflowInterface
  public interface Waiter {
    /** Waits for {@link #go} and returns what it was told: state a server must keep across a restart. */
    @WorkflowMethod
    String waitForGo(String name);

    @SignalMethod
    void go(String word);
  }

  public static class WaiterImpl implements Waiter {
    private String word;

    @Override
    public String waitForGo(String name) {
      Workflow.await(() -> word != null);
      return word + " " + name;
    }

    @Override
    public void go(String word) {
      this.word = word;
    }
  }

  @WorkflowInterface
  public interface Upserter {
    @WorkflowMethod
    String upsert(String value);
  }

  public static class UpserterImpl implements Upserter {
    @Override
    public String upsert(String value) {
      Workflow.upsertTypedSearchAttributes(TEST_KEYWORD.valueSet(value));
      return Workflow.getTypedSearchAttributes().get(TEST_KEYWORD);
    }
  }
}
