package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kube4j.server.ClusterCertificates;
import io.kube4j.server.Kube4jServer;
import io.kube4j.server.ServerConfig;
import io.kube4j.storage.etcd.EtcdProcess;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two kube4j servers on one etcd ({@code --datastore-endpoint}) are one cluster: an object written
 * through one is read and watched through the other. Each server has its own data directory, so its
 * own CA and kubeconfig; that is enough here (a real HA setup shares the CA).
 */
class EtcdDatastoreTest {

  @TempDir
  Path dir;

  @Test
  void twoServersOnOneEtcdShareTheCluster() throws Exception {
    assumeTrue(EtcdProcess.available(), "etcd is not installed (/usr/bin/etcd); scripts/install-deps.sh installs Debian's etcd-server");
    try (var etcd = EtcdProcess.start();
        var first = start(dir.resolve("first"), etcd);
        var second = start(dir.resolve("second"), etcd);
        var viaFirst = client(first);
        var viaSecond = client(second)) {
      var events = new LinkedBlockingQueue<String>();
      try (var watch = viaSecond.configMaps().inNamespace("default").watch(new Watcher<ConfigMap>() {
        @Override
        public void eventReceived(Action action, ConfigMap resource) {
          events.add(action + " " + resource.getMetadata().getName() + " " + resource.getData().get("k"));
        }

        @Override
        public void onClose(WatcherException cause) {
          events.add("closed " + cause);
        }
      })) {
        var created = viaFirst.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
            .withNewMetadata().withName("shared").endMetadata().addToData("k", "v1").build()).create();

        var read = viaSecond.configMaps().inNamespace("default").withName("shared").get();
        assertThat(read.getData()).containsEntry("k", "v1");
        assertThat(read.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED shared v1");

        viaSecond.configMaps().inNamespace("default").withName("shared").edit(cm -> new ConfigMapBuilder(cm).addToData("k", "v2").build());
        assertThat(viaFirst.configMaps().inNamespace("default").withName("shared").get().getData()).containsEntry("k", "v2");
        assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("MODIFIED shared v2");
      }
      // Both servers bootstrapped the same cluster objects once.
      assertThat(viaSecond.namespaces().list().getItems()).extracting(ns -> ns.getMetadata().getName())
          .containsExactlyInAnyOrder("default", "kube-system", "kube-public", "kube-node-lease");
    }
  }

  @Test
  void serverTalksToEtcdOverMutualTls() throws Exception {
    assumeTrue(EtcdProcess.available(), "etcd is not installed (/usr/bin/etcd); scripts/install-deps.sh installs Debian's etcd-server");
    // Any CA will do for etcd; the cluster PKI code makes one, a serving pair for 127.0.0.1 and a client pair.
    var pki = ClusterCertificates.ensure(dir.resolve("etcd-pki"), Set.of("localhost"), Set.of(InetAddress.getByName("127.0.0.1")));
    var tls = new EtcdProcess.Tls(pki.ca().certificateFile(), pki.serving().certificateFile(), pki.serving().keyFile(),
        pki.admin().certificateFile(), pki.admin().keyFile());
    try (var etcd = EtcdProcess.startTls(tls);
        var server = Kube4jServer.start(new ServerConfig(dir.resolve("server"), "127.0.0.1", 0, "e2e-node", "10.43.0.0/16", "127.0.0.1",
            new ServerConfig.Datastore(etcd.endpoint(), tls.caFile(), tls.clientCertFile(), tls.clientKeyFile())));
        var client = client(server)) {
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("over-tls").endMetadata().addToData("k", "v").build()).create();
      assertThat(client.configMaps().inNamespace("default").withName("over-tls").get().getData()).containsEntry("k", "v");
    }
    // Without a client certificate etcd refuses us, and the server says so instead of starting.
    try (var etcd = EtcdProcess.startTls(tls)) {
      assertThatThrownBy(() -> Kube4jServer.start(new ServerConfig(dir.resolve("refused"), "127.0.0.1", 0, "e2e-node", "10.43.0.0/16",
          "127.0.0.1", new ServerConfig.Datastore(etcd.endpoint(), tls.caFile(), null, null))))
          .isInstanceOf(Kube4jServer.ServerStartException.class)
          .hasMessageContaining(etcd.endpoint());
    }
  }

  @Test
  void twoServersNeverHandOutTheSameClusterIp() throws Exception {
    assumeTrue(EtcdProcess.available(), "etcd is not installed (/usr/bin/etcd); scripts/install-deps.sh installs Debian's etcd-server");
    // A /28 has 13 addresses for services besides the API server's 10.96.0.1: creates racing on two servers pick
    // the same free-looking address often; the reservation in etcd must make one of them pick again.
    try (var etcd = EtcdProcess.start();
        var first = Kube4jServer.start(new ServerConfig(dir.resolve("a"), "127.0.0.1", 0, "e2e-node", "10.96.0.0/28", "127.0.0.1",
            new ServerConfig.Datastore(etcd.endpoint(), null, null, null)));
        var second = Kube4jServer.start(new ServerConfig(dir.resolve("b"), "127.0.0.1", 0, "e2e-node", "10.96.0.0/28", "127.0.0.1",
            new ServerConfig.Datastore(etcd.endpoint(), null, null, null)));
        var viaFirst = client(first);
        var viaSecond = client(second)) {
      var failures = java.util.Collections.synchronizedList(new java.util.ArrayList<Throwable>());
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 13; i++) {
          var via = i % 2 == 0 ? viaFirst : viaSecond;
          var name = "svc-" + i;
          pool.submit(() -> {
            try {
              via.services().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                  .withNewMetadata().withName(name).endMetadata()
                  .withNewSpec().withType("NodePort").addNewPort().withPort(80).endPort().endSpec().build()).create();
            } catch (RuntimeException e) {
              failures.add(e);
            }
          });
        }
      }
      assertThat(failures).isEmpty();
      var services = viaFirst.services().inNamespace("default").list().getItems();
      assertThat(services).hasSize(14); // and the kubernetes service
      assertThat(services.stream().map(svc -> svc.getSpec().getClusterIP()).distinct()).hasSize(14);
      assertThat(services.stream().flatMap(svc -> svc.getSpec().getPorts().stream()).map(port -> port.getNodePort())
          .filter(java.util.Objects::nonNull).distinct()).hasSize(13);
      // The range is full now, whichever server is asked.
      assertThatThrownBy(() -> viaSecond.services().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
          .withNewMetadata().withName("one-too-many").endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create())
          .hasMessageContaining("range is full");
      // Deleting a service frees its address for the other server.
      viaFirst.services().inNamespace("default").withName("svc-0").delete();
      var freed = services.stream().filter(svc -> svc.getMetadata().getName().equals("svc-0")).findFirst().orElseThrow().getSpec().getClusterIP();
      var again = viaSecond.services().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
          .withNewMetadata().withName("reuse").endMetadata().withNewSpec().withClusterIP(freed).addNewPort().withPort(80).endPort().endSpec().build())
          .create();
      assertThat(again.getSpec().getClusterIP()).isEqualTo(freed);
    }
  }

  @Test
  void anEtcdClusterIsBackedUpOnlineAndRestoredIntoTheEmbeddedStore() throws Exception {
    assumeTrue(EtcdProcess.available(), "etcd is not installed (/usr/bin/etcd); scripts/install-deps.sh installs Debian's etcd-server");
    var file = dir.resolve("etcd.k4j");
    String keptVersion;
    String earlierVersion;
    try (var etcd = EtcdProcess.start();
        var server = start(dir.resolve("on-etcd"), etcd);
        var client = client(server)) {
      var first = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("kept").endMetadata().addToData("k", "v1").build()).create();
      earlierVersion = first.getMetadata().getResourceVersion();
      keptVersion = client.configMaps().inNamespace("default").withName("kept")
          .edit(cm -> new ConfigMapBuilder(cm).addToData("k", "v2").build()).getMetadata().getResourceVersion();
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("gone").endMetadata().build()).create();
      client.configMaps().inNamespace("default").withName("gone").delete();

      var backup = cli("backup", file.toString(), "--datastore-endpoint", etcd.endpoint());
      assertThat(backup.exit()).as(backup.err()).isZero();
      assertThat(backup.out()).contains("backed up etcd at " + etcd.endpoint());
      // Both flags at once is a mistake, said so.
      var both = cli("backup", dir.resolve("x.k4j").toString(), "--datastore-endpoint", etcd.endpoint(), "--data-dir", dir.toString());
      assertThat(both.exit()).isNotZero();
      assertThat(both.err()).contains("not both");
    }
    var restore = cli("restore", file.toString(), "--data-dir", dir.resolve("embedded").toString());
    assertThat(restore.exit()).as(restore.err()).isZero();
    try (var server = Kube4jServer.start(new ServerConfig(dir.resolve("embedded"), "127.0.0.1", 0, "e2e-node", "10.43.0.0/16", "127.0.0.1"));
        var client = client(server)) {
      var kept = client.configMaps().inNamespace("default").withName("kept").get();
      assertThat(kept.getData()).containsEntry("k", "v2");
      assertThat(kept.getMetadata().getResourceVersion()).isEqualTo(keptVersion);
      assertThat(client.configMaps().inNamespace("default").withName("gone").get()).isNull();
      assertThat(client.namespaces().withName("kube-system").get()).isNotNull();
      // The snapshot holds no history: reading before it is like reading before a compaction.
      assertThatThrownBy(() -> client.configMaps().inNamespace("default").list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
          .withResourceVersion(earlierVersion).withResourceVersionMatch("Exact").build()))
          .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(410));
      // And the restored store goes on from the snapshot's revision.
      var next = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("after").endMetadata().build()).create();
      assertThat(Long.parseLong(next.getMetadata().getResourceVersion())).isGreaterThan(Long.parseLong(keptVersion));
    }
  }

  @Test
  void whileEtcdIsAwayTheApiAnswers503AndRecoversByItself() throws Exception {
    assumeTrue(EtcdProcess.available(), "etcd is not installed (/usr/bin/etcd); scripts/install-deps.sh installs Debian's etcd-server");
    try (var etcd = EtcdProcess.start();
        var server = start(dir.resolve("outage"), etcd);
        var client = client(server, 0)) {
      var events = new LinkedBlockingQueue<String>();
      try (var watch = client.configMaps().inNamespace("default").watch(new Watcher<ConfigMap>() {
        @Override
        public void eventReceived(Action action, ConfigMap resource) {
          events.add(action + " " + resource.getMetadata().getName());
        }

        @Override
        public void onClose(WatcherException cause) {
          events.add("closed " + cause);
        }
      })) {
        etcd.stop();
        assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
            .withNewMetadata().withName("during").endMetadata().build()).create())
            .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
              assertThat(e.getCode()).isEqualTo(503);
              assertThat(e.getStatus().getReason()).isEqualTo("ServiceUnavailable");
              assertThat(e.getStatus().getMessage()).contains(etcd.endpoint());
            });
        // kubectl follows the Retry-After advice (10 tries, about 25 s here) before it gives up with the server's message.
        var kubectl = TestCluster.kubectl(server.kubeconfig(), dir, java.util.Map.of(), null,
            "get", "configmaps", "-n", "default", "--request-timeout=30s");
        assertThat(kubectl.exitCode()).isNotZero();
        assertThat(kubectl.stderr()).contains("storage is unavailable");
        etcd.startAgain();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
          try {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("after").endMetadata().build()).create();
            break;
          } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 503 || System.nanoTime() > deadline) {
              throw e;
            }
            Thread.sleep(200);
          }
        }
        // The watch opened before the outage carries on: it sees the write made after it, and nothing was made during it.
        assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED after");
        assertThat(client.configMaps().inNamespace("default").withName("during").get()).isNull();
      }
    }
  }

  private static Kube4jServer start(Path dataDir, EtcdProcess etcd) throws Exception {
    return Kube4jServer.start(new ServerConfig(dataDir, "127.0.0.1", 0, "e2e-node", "10.43.0.0/16", "127.0.0.1",
        new ServerConfig.Datastore(etcd.endpoint(), null, null, null)));
  }

  private record CliRun(int exit, String out, String err) {}

  /** Runs a kube4j command as a user would, in-process. */
  private static CliRun cli(String... args) {
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    int exit = new picocli.CommandLine(new io.kube4j.server.Main()).setOut(new java.io.PrintWriter(out))
        .setErr(new java.io.PrintWriter(err)).execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  private static KubernetesClient client(Kube4jServer server) throws Exception {
    return client(server, 10);
  }

  /** A client that retries a 503 at most {@code retries} times (fabric8 follows the server's Retry-After advice). */
  private static KubernetesClient client(Kube4jServer server, int retries) throws Exception {
    var config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
    config.setRequestTimeout(30_000);
    config.setRequestRetryBackoffLimit(retries);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
