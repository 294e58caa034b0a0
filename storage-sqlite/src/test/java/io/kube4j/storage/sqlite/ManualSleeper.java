package io.kube4j.storage.sqlite;

import io.kube4j.storage.PeriodicCompactor;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/** A compactor's sleep that ends only when the test says a period has passed. */
final class ManualSleeper implements PeriodicCompactor.Sleeper {

  private final SynchronousQueue<Boolean> ticks = new SynchronousQueue<>();
  private final Semaphore sleeping = new Semaphore(0);

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    sleeping.release();
    ticks.take();
  }

  /** Lets one period pass and waits until the compactor is asleep again, i.e. its run has finished. */
  void elapse() throws InterruptedException {
    await();
    if (!ticks.offer(true, 30, TimeUnit.SECONDS)) {
      throw new AssertionError("the compactor did not wake up");
    }
    await();
    sleeping.release();
  }

  private void await() throws InterruptedException {
    if (!sleeping.tryAcquire(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the compactor did not go to sleep");
    }
  }
}
