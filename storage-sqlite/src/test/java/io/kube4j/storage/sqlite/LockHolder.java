package io.kube4j.storage.sqlite;

import java.io.IOException;
import java.nio.file.Path;

/** Holds a database open in a separate process until its standard input closes. */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    try (var storage = SqliteStorage.open(Path.of(args[0]))) {
      storage.create("/registry/holder", new byte[] {1});
      System.out.println("ready " + ProcessHandle.current().pid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }
}
