package io.kube4j.storage.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageConformanceTest;
import io.kube4j.storage.cache.WatchCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole conformance suite against a {@link WatchCache} in front of a real etcd (as the server runs it
 * with an external datastore). Each test directory gets its own key prefix on one shared etcd, so etcd's
 * revision also moves with other tests' writes: the cache's consistent reads must still catch up with it.
 */
class EtcdWatchCacheTest extends StorageConformanceTest {

  private static EtcdProcess etcd;
  private static final Map<Path, String> prefixes = new ConcurrentHashMap<>();
  private static final AtomicInteger tenants = new AtomicInteger();

  @BeforeAll
  static void startEtcd() throws Exception {
    assumeTrue(EtcdProcess.available(), "etcd is not installed (/usr/bin/etcd); scripts/install-deps.sh installs Debian's etcd-server");
    etcd = EtcdProcess.start();
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static EtcdStorage.Options options(Path dir) {
    var prefix = prefixes.computeIfAbsent(dir, d -> "/kube4j-cache-test-" + tenants.incrementAndGet());
    return EtcdStorage.Options.of(etcd.endpoint()).withKeyPrefix(prefix).withCompaction(Duration.ZERO, 0);
  }

  @Override
  protected Storage open(Path dir) {
    return WatchCache.start(EtcdStorage.open(options(dir)));
  }

  @Override
  protected Storage openWithWatchBuffer(Path dir, int events) {
    return WatchCache.start(EtcdStorage.open(options(dir).withWatchBuffer(events)), WatchCache.Options.defaults().withWatchBuffer(events));
  }
}
