package io.kube4j.storage.sqlite;

import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageConformanceTest;
import java.nio.file.Path;

class SqliteStorageTest extends StorageConformanceTest {

  @Override
  protected Storage open(Path dir) {
    return SqliteStorage.open(dir.resolve("kube4j.db"));
  }

  @Override
  protected Storage openWithWatchBuffer(Path dir, int events) {
    return SqliteStorage.open(SqliteStorage.Options.defaults(dir.resolve("kube4j.db")).withWatchBuffer(events));
  }
}
