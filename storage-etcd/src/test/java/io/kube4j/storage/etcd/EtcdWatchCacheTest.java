package io.kube4j.storage.etcd;

import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageConformanceTest;
import io.kube4j.storage.cache.WatchCache;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole conformance suite against a {@link WatchCache} in front of a real etcd (as the server runs it
 * with an external datastore). Each test directory gets its own key prefix on one shared etcd, so etcd's
 * revision also moves with other tests' writes: the cache's consistent reads must still catch up with it.
 */
class EtcdWatchCacheTest extends StorageConformanceTest {

  private static EtcdTenants etcd;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = EtcdTenants.start("/kube4j-cache-test-");
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected Storage open(Path dir) {
    return WatchCache.start(EtcdStorage.open(etcd.options(dir)));
  }

  @Override
  protected Storage openWithWatchBuffer(Path dir, int events) {
    return WatchCache.start(EtcdStorage.open(etcd.options(dir).withWatchBuffer(events)), WatchCache.Options.defaults().withWatchBuffer(events));
  }
}
