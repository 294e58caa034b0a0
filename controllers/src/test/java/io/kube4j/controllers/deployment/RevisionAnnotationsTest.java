package io.kube4j.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevisionAnnotationsTest {

  static Deployment deployment() {
    return new DeploymentBuilder().withNewMetadata().withName("web")
        .addToAnnotations("kubernetes.io/change-cause", "kubectl set image")
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{}")
        .addToAnnotations(DeploymentController.REVISION, "7")
        .endMetadata().withNewSpec().withReplicas(4).endSpec().build();
  }

  static ReplicaSet rs(String revision, String history) {
    Map<String, String> annotations = new HashMap<>();
    if (!revision.isEmpty()) {
      annotations.put(DeploymentController.REVISION, revision);
    }
    if (!history.isEmpty()) {
      annotations.put(DeploymentController.REVISION_HISTORY, history);
    }
    return new ReplicaSetBuilder().withNewMetadata().withName("web-x").withAnnotations(annotations).endMetadata().build();
  }

  /** A reused ReplicaSet moves to the new revision and remembers its old ones (rollout undo). */
  @ParameterizedTest(name = "revision \"{0}\" history \"{1}\" → {2} → revision {3}, history \"{4}\"")
  @CsvSource({
      "'', '', 1, 1, ''",
      "1, '', 3, 3, 1",
      "3, 1, 5, 5, '1,3'",
      "5, '', 5, 5, ''",
      "6, '', 5, 6, ''"})
  void revisionAndHistory(String revision, String history, String newRevision, String expectedRevision, String expectedHistory) {
    var set = rs(revision, history);
    DeploymentController.setNewReplicaSetAnnotations(deployment(), set, newRevision, true);
    var annotations = set.getMetadata().getAnnotations();
    assertThat(annotations.get(DeploymentController.REVISION)).isEqualTo(expectedRevision);
    assertThat(annotations.getOrDefault(DeploymentController.REVISION_HISTORY, "")).isEqualTo(expectedHistory);
  }

  @Test
  void copiesUserAnnotationsButNotKubectlsOrTheDeploymentsOwn() {
    var set = rs("", "");
    DeploymentController.setNewReplicaSetAnnotations(deployment(), set, "1", false);
    assertThat(set.getMetadata().getAnnotations())
        .containsEntry("kubernetes.io/change-cause", "kubectl set image")
        .containsEntry(DeploymentController.REVISION, "1")
        .containsEntry(DeploymentController.DESIRED_REPLICAS, "4")
        .containsEntry(DeploymentController.MAX_REPLICAS, "5")
        .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
  }

  @Test
  void templatesEqualIgnoringThePodTemplateHashLabel() {
    var a = PodTemplateHashTest.template("nginx:1.27");
    var b = PodTemplateHashTest.template("nginx:1.27");
    b.getMetadata().getLabels().put(PodTemplateHash.LABEL, "abc");
    assertThat(DeploymentController.equalIgnoringHash(a, b)).isTrue();
    assertThat(DeploymentController.equalIgnoringHash(a, PodTemplateHashTest.template("nginx:1.28"))).isFalse();
    var annotated = PodTemplateHashTest.template("nginx:1.27");
    annotated.getMetadata().setAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z"));
    assertThat(DeploymentController.equalIgnoringHash(a, annotated)).as("rollout restart changes the template").isFalse();
  }
}
