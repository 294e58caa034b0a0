package io.kube4j.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlowStartBatchTest {

  /** Batches of 1, 2, 4, …: a failing call ends the run after its batch (failAt 0 = never fails). */
  @ParameterizedTest(name = "{0} pods, call {1} fails → {2} created in {3} calls")
  @CsvSource({
      "10, 0, 10, 10",
      "5, 0, 5, 5",
      "0, 0, 0, 0",
      "10, 1, 0, 1",
      "10, 2, 2, 3",
      "10, 4, 6, 7",
      "10, 8, 9, 10",
      "3, 3, 2, 3"})
  void createsInDoublingBatchesAndStopsAfterAFailingBatch(int count, int failAt, int successes, int calls) throws Exception {
    var attempts = new AtomicInteger();
    var result = ReplicaSetController.slowStartBatch(count, () -> {
      if (attempts.incrementAndGet() == failAt) {
        throw new KubernetesClientException("quota exceeded");
      }
      return null;
    });
    assertThat(result.successes()).isEqualTo(successes);
    assertThat(attempts.get()).isEqualTo(calls);
    assertThat(result.error() != null).isEqualTo(failAt != 0 && failAt <= count);
  }
}
