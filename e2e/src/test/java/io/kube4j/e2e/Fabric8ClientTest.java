package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fabric8 Kubernetes client, unchanged, against a real server. */
class Fabric8ClientTest {

  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void crudWithOptimisticConcurrency() throws Exception {
    var client = cluster.client();
    var cm = client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata().withName("crud").endMetadata()
        .addToData("k", "v1").build()).create();
    assertThat(cm.getMetadata().getUid()).isNotBlank();
    assertThat(cm.getMetadata().getResourceVersion()).isNotBlank();
    var stale = new ConfigMapBuilder(cm).addToData("k", "stale").build();
    var updated = client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder(cm).addToData("k", "v2").build()).update();
    assertThat(updated.getData()).containsEntry("k", "v2");
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion())).isGreaterThan(Long.parseLong(cm.getMetadata().getResourceVersion()));
    assertThatThrownBy(() -> client.configMaps().inNamespace("f8").resource(stale).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThatThrownBy(() -> client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata().withName("crud").endMetadata().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
        });
    assertThat(client.configMaps().inNamespace("f8").withName("crud").delete()).hasSize(1);
    assertThat(client.configMaps().inNamespace("f8").withName("crud").get()).isNull();
  }

  @Test
  void generateNameAndGeneration() throws Exception {
    var client = cluster.client();
    var d = client.apps().deployments().inNamespace("f8").resource(new DeploymentBuilder()
        .withNewMetadata().withGenerateName("gen-").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "gen").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "gen").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build()).create();
    assertThat(d.getMetadata().getName()).startsWith("gen-").hasSize(9);
    assertThat(d.getMetadata().getGeneration()).isEqualTo(1L);
    var labelled = client.apps().deployments().inNamespace("f8").withName(d.getMetadata().getName()).edit(x -> {
      x.getMetadata().getLabels().put("touched", "yes");
      return x;
    });
    assertThat(labelled.getMetadata().getGeneration()).as("metadata changes do not bump generation").isEqualTo(1L);
    var scaled = client.apps().deployments().inNamespace("f8").withName(d.getMetadata().getName()).edit(x -> {
      x.getSpec().setReplicas(3);
      return x;
    });
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void watchFromResourceVersionDeliversEveryChangeInOrder() throws Exception {
    var client = cluster.client();
    var start = client.configMaps().inNamespace("f8").list().getMetadata().getResourceVersion();
    for (int i = 0; i < 5; i++) {
      client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata().withName("w" + i).endMetadata().build()).create();
    }
    client.configMaps().inNamespace("f8").withName("w0").delete();
    var events = Collections.synchronizedList(new ArrayList<String>());
    var done = new CountDownLatch(6);
    try (var watch = client.configMaps().inNamespace("f8").withResourceVersion(start).watch(new Watcher<ConfigMap>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        if (resource.getMetadata().getName().startsWith("w")) {
          events.add(action + " " + resource.getMetadata().getName());
          done.countDown();
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      assertThat(done.await(20, TimeUnit.SECONDS)).as("events: %s", events).isTrue();
    }
    assertThat(events).containsExactly("ADDED w0", "ADDED w1", "ADDED w2", "ADDED w3", "ADDED w4", "DELETED w0");
  }

  @Test
  void everyPatchTypeAndServerSideApply() throws Exception {
    var client = cluster.client();
    client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata().withName("p").endMetadata()
        .addToData("a", "1").build()).create();
    var r = client.configMaps().inNamespace("f8").withName("p");
    r.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"b\":\"2\"}}");
    r.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"}]");
    r.patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"a\":null}}");
    assertThat(r.get().getData()).isEqualTo(Map.of("b", "2", "c", "3"));
    var applied = client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata().withName("ssa").endMetadata()
        .addToData("x", "y").build()).fieldManager("f8-test").forceConflicts().serverSideApply();
    assertThat(applied.getMetadata().getManagedFields()).anySatisfy(m -> {
      assertThat(m.getManager()).isEqualTo("f8-test");
      assertThat(m.getOperation()).isEqualTo("Apply");
    });
  }

  @Test
  void listPagination() throws Exception {
    var client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("pages").endMetadata().build()).create();
    for (int i = 0; i < 25; i++) {
      client.configMaps().inNamespace("pages").resource(new ConfigMapBuilder().withNewMetadata().withName(String.format("cm-%02d", i)).endMetadata()
          .build()).create();
    }
    var names = new ArrayList<String>();
    String token = null;
    int pages = 0;
    do {
      var page = client.configMaps().inNamespace("pages").list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(10L).withContinue(token).build());
      page.getItems().forEach(c -> names.add(c.getMetadata().getName()));
      token = page.getMetadata().getContinue();
      pages++;
      if (token != null && !token.isEmpty()) {
        assertThat(page.getMetadata().getRemainingItemCount()).isPositive();
      }
    } while (token != null && !token.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(25).isSorted().doesNotHaveDuplicates();
    assertThat(List.copyOf(names).getFirst()).isEqualTo("cm-00");
  }
}
