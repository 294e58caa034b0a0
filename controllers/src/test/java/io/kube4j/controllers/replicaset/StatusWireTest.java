package io.kube4j.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusWireTest {

  static Stream<Arguments> cases() {
    var failure = new ReplicatedKind.Condition("ReplicaFailure", "True", "FailedCreate", "quota exceeded", "2026-01-01T00:00:00Z");
    var bare = new ReplicatedKind.Condition("ReplicaFailure", "True", null, null, null);
    var all = new ReplicatedKind.Status(3, 3, 2, 1, 7, List.of(failure));
    var zeros = new ReplicatedKind.Status(0, 0, 0, 0, 4, List.of());
    var sparse = new ReplicatedKind.Status(2, 0, 2, 0, 1, List.of(bare));
    return Stream.of(ReplicaSetStatus.class, ReplicationControllerStatus.class).flatMap(type -> Stream.of(
        Arguments.of(type, all, "{\"availableReplicas\":1,\"conditions\":[{\"lastTransitionTime\":\"2026-01-01T00:00:00Z\","
            + "\"message\":\"quota exceeded\",\"reason\":\"FailedCreate\",\"status\":\"True\",\"type\":\"ReplicaFailure\"}],"
            + "\"fullyLabeledReplicas\":3,\"observedGeneration\":7,\"readyReplicas\":2,\"replicas\":3}"),
        Arguments.of(type, zeros, "{\"observedGeneration\":4,\"replicas\":0}"),
        Arguments.of(type, sparse, "{\"conditions\":[{\"status\":\"True\",\"type\":\"ReplicaFailure\"}],\"observedGeneration\":1,"
            + "\"readyReplicas\":2,\"replicas\":2}")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void bothKindsWriteOmitEmptyStatusAndReadItBack(Class<?> type, ReplicatedKind.Status status, String json) throws Exception {
    var wire = StatusWire.write(status, type);
    assertThat(wire).isInstanceOf(type);
    var sorted = Serialization.jsonMapper().copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    var tree = sorted.readTree(sorted.writeValueAsString(wire));
    assertThat(sorted.writeValueAsString(sorted.treeToValue(tree, Object.class))).isEqualTo(json);
    assertThat(StatusWire.read(wire)).isEqualTo(status);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.NullSource
  void noStatusReadsAsZero(Object none) {
    assertThat(StatusWire.read(none)).isEqualTo(new ReplicatedKind.Status(0, 0, 0, 0, 0, List.of()));
  }
}
