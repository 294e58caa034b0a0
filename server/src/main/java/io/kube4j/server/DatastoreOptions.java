package io.kube4j.server;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --datastore-*} flags, shared by {@code kube4j server} and {@code kube4j backup} so both name an
 * etcd datastore the same way. No endpoint means the embedded SQLite database in the data directory.
 */
final class DatastoreOptions {

  @Option(names = "--datastore-endpoint", defaultValue = "", description = "The cluster state lives in this etcd instead of the embedded SQLite database: http(s)://host:2379[,...]. Servers naming the same etcd share one cluster.")
  String endpoint;

  @Option(names = "--datastore-cafile", description = "CA certificate (PEM) that signed etcd's serving certificate.")
  Path caFile;

  @Option(names = "--datastore-certfile", description = "Client certificate (PEM) for etcd.")
  Path certFile;

  @Option(names = "--datastore-keyfile", description = "Key (PEM) of the etcd client certificate.")
  Path keyFile;

  ServerConfig.Datastore datastore() {
    return new ServerConfig.Datastore(endpoint, caFile, certFile, keyFile);
  }
}
