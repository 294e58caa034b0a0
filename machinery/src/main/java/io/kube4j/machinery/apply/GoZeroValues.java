package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kube4j.api.schema.Schema;
import java.util.List;

/**
 * The fields upstream's Go types always serialize, even when unset: fields without {@code omitempty}
 * (marked required in the OpenAPI schema) come out as {@code null}, and non-pointer struct fields
 * ({@code metadata}, {@code spec}, {@code status}, a pod template, container {@code resources}, ...) as
 * {@code {}}. Upstream compares Go-typed objects, so such a field is never "added" as a whole; comparing
 * Jackson trees as if they were there keeps {@code managedFields} identical to upstream's (no {@code ".": {}}
 * on {@code f:spec} of a created Deployment, but one on {@code f:labels}).
 */
final class GoZeroValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Type-name suffixes of structs that upstream embeds by value wherever they appear. */
  private static final List<String> VALUE_STRUCTS = List.of(".ObjectMeta", ".PodSpec", ".ResourceRequirements",
      ".VolumeResourceRequirements", ".DeploymentStrategy", ".StatefulSetUpdateStrategy", ".DaemonSetUpdateStrategy",
      ".PodTemplateSpec", ".JobTemplateSpec", ".JobSpec", ".RoleRef", ".CrossVersionObjectReference",
      ".WebhookClientConfig");

  private GoZeroValues() {}

  /**
   * What a Go-typed object holds for {@code property} of {@code parent} when the JSON lacks it: {@code {}} for
   * structs embedded by value, {@code null} for fields without omitempty, or null (Java) when it is absent.
   */
  static JsonNode implicitValue(TypeRef parent, Schema.Property property, boolean topLevel) {
    var s = property.schema();
    if (s.type() == Schema.Type.OBJECT && isValueStruct(parent, property, topLevel)) {
      return NODES.objectNode();
    }
    return property.required() ? NODES.nullNode() : null;
  }

  private static boolean isValueStruct(TypeRef parent, Schema.Property property, boolean topLevel) {
    // An object with metadata (a kind, or a template such as a PVC claim template) embeds spec and status by value.
    if ((property.name().equals("spec") || property.name().equals("status"))
        && (topLevel || parent.schema().property("metadata").isPresent())) {
      return true;
    }
    var name = property.schema().name();
    if (name.endsWith(".PodTemplateSpec") && parent.schema().name().endsWith(".ReplicationControllerSpec")) {
      return false;
    }
    for (var suffix : VALUE_STRUCTS) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
