package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real kubectl discovers the API: version, api-resources, api-versions, explain. */
class KubectlDiscoveryTest {

  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void versionReportsKubernetes132() throws Exception {
    var out = cluster.kubectl("version", "-o", "json").assertOk().stdout();
    assertThat(out).contains("\"serverVersion\"").contains("\"minor\": \"32\"").contains("v1.32.0+kube4j");
  }

  @Test
  void apiResourcesListsBuiltInKindsWithShortNamesAndScope() throws Exception {
    var out = cluster.kubectl("api-resources").assertOk().stdout();
    assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment"));
    assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("pods\\s+po\\s+v1\\s+true\\s+Pod"));
    assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace"));
    assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("horizontalpodautoscalers\\s+hpa\\s+autoscaling/v2\\s+true\\s+HorizontalPodAutoscaler"));
    assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("customresourcedefinitions\\s+crd,crds\\s+apiextensions.k8s.io/v1\\s+false\\s+CustomResourceDefinition"));
    assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("cronjobs\\s+cj\\s+batch/v1\\s+true\\s+CronJob"));
    var wide = cluster.kubectl("api-resources", "-o", "wide", "--api-group=apps").assertOk().stdout();
    assertThat(wide).contains("create,delete,deletecollection,get,list,patch,update,watch").contains("all");
  }

  @Test
  void apiVersionsListsEveryGroupVersion() throws Exception {
    var out = cluster.kubectl("api-versions").assertOk().stdout();
    assertThat(out.lines()).contains("v1", "apps/v1", "batch/v1", "autoscaling/v1", "autoscaling/v2", "networking.k8s.io/v1",
        "rbac.authorization.k8s.io/v1", "storage.k8s.io/v1", "policy/v1", "scheduling.k8s.io/v1", "coordination.k8s.io/v1",
        "discovery.k8s.io/v1", "events.k8s.io/v1", "apiextensions.k8s.io/v1");
  }

  @Test
  void explainShowsFieldDocumentation() throws Exception {
    var out = cluster.kubectl("explain", "pod.spec.containers").assertOk().stdout();
    assertThat(out).contains("KIND:").contains("Pod").contains("FIELD: containers").contains("image");
    var strategy = cluster.kubectl("explain", "deployment.spec.strategy").assertOk().stdout();
    assertThat(strategy).contains("rollingUpdate").contains("type");
  }

  @Test
  void defaultNamespacesExist() throws Exception {
    var out = cluster.kubectl("get", "namespaces").assertOk().stdout();
    assertThat(out).contains("NAME").contains("STATUS").contains("AGE");
    assertThat(out).containsPattern("default\\s+Active").containsPattern("kube-system\\s+Active")
        .containsPattern("kube-public\\s+Active").containsPattern("kube-node-lease\\s+Active");
  }
}
