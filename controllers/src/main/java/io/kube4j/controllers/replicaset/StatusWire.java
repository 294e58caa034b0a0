package io.kube4j.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;

/**
 * ReplicaSet and ReplicationController status as {@link ReplicatedKind.Status}: fabric8 has a type per
 * kind, but both have the same fields on the wire, so one conversion through JSON serves both.
 */
final class StatusWire {

  private StatusWire() {}

  /** Reads either kind's status; the two status types have the same fields on the wire. */
  static ReplicatedKind.Status read(Object status) {
    if (status == null) {
      return new ReplicatedKind.Status(0, 0, 0, 0, 0, List.of());
    }
    JsonNode s = Serialization.jsonMapper().valueToTree(status);
    var conditions = new ArrayList<ReplicatedKind.Condition>();
    for (var c : s.path("conditions")) {
      conditions.add(new ReplicatedKind.Condition(text(c, "type"), text(c, "status"), text(c, "reason"), text(c, "message"),
          text(c, "lastTransitionTime")));
    }
    return new ReplicatedKind.Status(s.path("replicas").asInt(0), s.path("fullyLabeledReplicas").asInt(0),
        s.path("readyReplicas").asInt(0), s.path("availableReplicas").asInt(0), s.path("observedGeneration").asLong(0), conditions);
  }

  /**
   * {@code status} as either kind's status type: {@code replicas} and {@code observedGeneration} always, the
   * other counts only when not zero and the conditions only when there are some (upstream's omitempty).
   */
  static <S> S write(ReplicatedKind.Status status, Class<S> type) {
    ObjectNode s = Serialization.jsonMapper().createObjectNode();
    s.put("replicas", status.replicas());
    putUnlessZero(s, "fullyLabeledReplicas", status.fullyLabeledReplicas());
    putUnlessZero(s, "readyReplicas", status.readyReplicas());
    putUnlessZero(s, "availableReplicas", status.availableReplicas());
    s.put("observedGeneration", status.observedGeneration());
    if (!status.conditions().isEmpty()) {
      s.set("conditions", Serialization.jsonMapper().valueToTree(status.conditions()));
    }
    return Serialization.jsonMapper().convertValue(s, type);
  }

  private static void putUnlessZero(ObjectNode node, String field, int value) {
    if (value != 0) {
      node.put(field, value);
    }
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
