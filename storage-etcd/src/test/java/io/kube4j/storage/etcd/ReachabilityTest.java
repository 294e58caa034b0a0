package io.kube4j.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.storage.StorageException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReachabilityTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Reachability reachability = new Reachability(Duration.ofSeconds(1), now::get);

  private void advanceMillis(long millis) {
    now.addAndGet(Duration.ofMillis(millis).toNanos());
  }

  @Test
  void callsGoAheadWhileEtcdAnswers() {
    for (int i = 0; i < 3; i++) {
      assertThatCode(() -> reachability.admit("etcd at http://e:2379", "a read")).doesNotThrowAnyException();
      reachability.succeeded();
    }
    assertThat(reachability.reachable()).isTrue();
  }

  @Test
  void afterAFailureCallsFailAtOnceUntilTheNextProbeIsDue() {
    reachability.failed(new StorageException.Unavailable("etcd at http://e:2379 is unreachable (connection refused)", null));
    assertThat(reachability.reachable()).isFalse();
    advanceMillis(500);
    assertThatThrownBy(() -> reachability.admit("etcd at http://e:2379", "a create of /registry/pods/default/a")).isInstanceOf(StorageException.Unavailable.class)
        .hasMessageContaining("etcd at http://e:2379 has been unreachable for 0 s")
        .hasMessageContaining("a create of /registry/pods/default/a was not tried")
        .hasMessageContaining("connection refused");

    // Once the interval has passed exactly one caller probes; the others still fail fast.
    advanceMillis(500);
    assertThatCode(() -> reachability.admit("etcd", "a read")).doesNotThrowAnyException();
    assertThatThrownBy(() -> reachability.admit("etcd", "another read")).isInstanceOf(StorageException.Unavailable.class);

    // The probe failed again: the outage keeps its start, the next probe moves on.
    reachability.failed(new StorageException.Unavailable("still refused", null));
    advanceMillis(999);
    assertThatThrownBy(() -> reachability.admit("etcd", "a read")).hasMessageContaining("unreachable for 1 s")
        .hasMessageContaining("connection refused");
    advanceMillis(1);
    assertThatCode(() -> reachability.admit("etcd", "a read")).doesNotThrowAnyException();

    // The probe succeeded: everything goes ahead again.
    reachability.succeeded();
    assertThat(reachability.reachable()).isTrue();
    assertThatCode(() -> reachability.admit("etcd", "a read")).doesNotThrowAnyException();
    assertThatCode(() -> reachability.admit("etcd", "a read")).doesNotThrowAnyException();
  }
}
