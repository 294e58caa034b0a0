package io.kube4j.storage.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real etcd shared by the tests of a class, each test directory a tenant under its own key prefix, so
 * tests never see each other's keys (etcd's revision is still shared, as on a real shared etcd).
 */
final class EtcdTenants implements AutoCloseable {

  private final EtcdProcess etcd;
  private final String prefixBase;
  private final Map<Path, String> prefixes = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();

  private EtcdTenants(EtcdProcess etcd, String prefixBase) {
    this.etcd = etcd;
    this.prefixBase = prefixBase;
  }

  /** Starts etcd, or skips the calling test class when it is not installed. */
  static EtcdTenants start(String prefixBase) throws Exception {
    assumeTrue(EtcdProcess.available(), "etcd is not installed (/usr/bin/etcd); scripts/install-deps.sh installs Debian's etcd-server");
    return new EtcdTenants(EtcdProcess.start(), prefixBase);
  }

  EtcdProcess process() {
    return etcd;
  }

  /** Options for the tenant of {@code dir}: its own key prefix, no background compaction. */
  EtcdStorage.Options options(Path dir) {
    var prefix = prefixes.computeIfAbsent(dir, d -> prefixBase + count.incrementAndGet());
    return EtcdStorage.Options.of(etcd.endpoint()).withKeyPrefix(prefix).withCompaction(Duration.ZERO, 0);
  }

  @Override
  public void close() throws Exception {
    etcd.close();
  }
}
