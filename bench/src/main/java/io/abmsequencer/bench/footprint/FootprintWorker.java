package io.abmsequencer.bench.footprint;

import io.abmsequencer.bench.simulation.NoopActivity;
import io.abmsequencer.bench.support.Args;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflowImpl;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;

/**
 * The worker whose heap the footprint benchmark measures, in its own JVM. It polls one task queue
 * with the product's sequence workflow (and channels that keep nothing) or with the trivial parked
 * workflow, and answers the parent on stdin / stdout: {@code COUNT} → activity calls so far,
 * {@code HEAP} → heap used after full GCs, {@code EXIT}.
 */
public final class FootprintWorker {
  public static final String TRIVIAL_QUEUE = "bench-parked";

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String kind = args.option("kind", "trivial");
    int cacheSize = args.intOption("cache", 600);
    int threads = args.intOption("threads", 600);
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(args.option("target", "127.0.0.1:7233")).build());
    WorkflowClient client = WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build());
    WorkerFactory factory = WorkerFactory.newInstance(client,
        WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(cacheSize).setMaxWorkflowThreadCount(threads).build());
    LeanChannels channels = new LeanChannels();
    NoopActivity.Impl noop = new NoopActivity.Impl();
    if (kind.equals("product")) {
      Worker worker = factory.newWorker(WorkflowIds.DEFAULT_TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(AccountSequenceWorkflowImpl.class);
      worker.registerActivitiesImplementations(channels);
    } else {
      Worker worker = factory.newWorker(TRIVIAL_QUEUE);
      worker.registerWorkflowImplementationTypes(ParkedWorkflow.Impl.class);
      worker.registerActivitiesImplementations(noop);
    }
    factory.start();
    System.out.println("READY");
    System.out.flush();

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.trim()) {
        case "COUNT" -> System.out.println("COUNT " + (channels.calls.get() + noop.calls.get()) + " " + (channels.emails.get() + noop.calls.get()));
        case "HEAP" -> System.out.println("HEAP " + heapAfterGc() + " " + ManagementFactory.getThreadMXBean().getThreadCount());
        case "EXIT" -> {
          factory.shutdownNow();
          service.shutdownNow();
          System.out.println("BYE");
          System.out.flush();
          System.exit(0);
        }
        default -> System.out.println("? " + line);
      }
      System.out.flush();
    }
  }

  /** Heap used after five full collections a moment apart: the smallest reading. */
  static long heapAfterGc() throws InterruptedException {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      min = Math.min(min, heap.getUsed());
    }
    return min;
  }
}
