package io.kube4j.machinery.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.schema.Schema;
import io.kube4j.api.schema.Schema.ListType;
import io.kube4j.api.schema.Schema.Property;
import io.kube4j.api.schema.Schema.Type;
import java.util.List;

/** Hand-built schemas mimicking upstream's Deployment/PodSpec/Container, with upstream's list semantics. */
final class Fixtures {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** JSON with single quotes for readability. */
  static ObjectNode json(String s) {
    try {
      return (ObjectNode) MAPPER.readTree(s.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static JsonNode node(String s) {
    try {
      return MAPPER.readTree(s.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private static Schema string() {
    return Schema.scalar(Type.STRING, "", "");
  }

  private static Schema integer() {
    return Schema.scalar(Type.INTEGER, "int32", "");
  }

  private static Property prop(String name, Schema s) {
    return Property.of(name, s, "");
  }

  private static Property merge(String name, Schema s, String key) {
    return new Property(name, s, "", false, List.of("merge"), key);
  }

  /** A field upstream's Go type serializes even when unset (no omitempty), which OpenAPI marks required. */
  private static Property required(Property p) {
    return new Property(p.name(), p.schema(), "", true, p.patchStrategies(), p.patchMergeKey());
  }

  static final Schema OBJECT_META = objectMeta();
  static final Schema DEPLOYMENT = deployment();

  private static Schema objectMeta() {
    var managedFieldsEntry = Schema.object("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", "")
        .addProperty(prop("manager", string()))
        .addProperty(prop("fieldsV1", Schema.scalar(Type.ANY, "", "")));
    return Schema.object("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "")
        .addProperty(prop("name", string()))
        .addProperty(prop("generateName", string()))
        .addProperty(prop("namespace", string()))
        .addProperty(prop("uid", string()))
        .addProperty(prop("resourceVersion", string()))
        .addProperty(prop("generation", Schema.scalar(Type.INTEGER, "int64", "")))
        .addProperty(prop("creationTimestamp", Schema.scalar(Type.STRING, "date-time", "")))
        .addProperty(prop("labels", Schema.map(string())))
        .addProperty(prop("annotations", Schema.map(string())))
        .addProperty(merge("finalizers", Schema.array(string(), ListType.SET, List.of()), ""))
        .addProperty(prop("managedFields", Schema.array(managedFieldsEntry, ListType.ATOMIC, List.of())));
  }

  private static Schema deployment() {
    var port = Schema.object("io.k8s.api.core.v1.ContainerPort", "")
        .addProperty(prop("name", string()))
        .addProperty(prop("containerPort", integer()))
        .addProperty(prop("protocol", string()));
    var env = Schema.object("io.k8s.api.core.v1.EnvVar", "")
        .addProperty(prop("name", string()))
        .addProperty(prop("value", string()));
    var resources = Schema.object("io.k8s.api.core.v1.ResourceRequirements", "")
        .addProperty(prop("limits", Schema.map(Schema.scalar(Type.INT_OR_STRING, "", ""))))
        .addProperty(prop("requests", Schema.map(Schema.scalar(Type.INT_OR_STRING, "", ""))));
    var container = Schema.object("io.k8s.api.core.v1.Container", "")
        .addProperty(required(prop("name", string())))
        .addProperty(prop("image", string()))
        .addProperty(prop("args", Schema.array(string(), ListType.ATOMIC, List.of())))
        .addProperty(prop("command", Schema.array(string(), ListType.ATOMIC, List.of())))
        // Upstream: +listType=map +listMapKey=containerPort +listMapKey=protocol (protocol defaults to TCP).
        .addProperty(merge("ports", Schema.array(port, ListType.MAP, List.of("containerPort", "protocol")), "containerPort"))
        .addProperty(merge("env", Schema.array(env, ListType.MAP, List.of("name")), "name"))
        .addProperty(prop("resources", resources));
    var volume = Schema.object("io.k8s.api.core.v1.Volume", "")
        .addProperty(prop("name", string()))
        .addProperty(prop("emptyDir", Schema.object("io.k8s.api.core.v1.EmptyDirVolumeSource", "")
            .addProperty(prop("medium", string()))));
    var toleration = Schema.object("io.k8s.api.core.v1.Toleration", "")
        .addProperty(prop("key", string()))
        .addProperty(prop("operator", string()));
    var podSpec = Schema.object("io.k8s.api.core.v1.PodSpec", "")
        .addProperty(required(merge("containers", Schema.array(container, ListType.MAP, List.of("name")), "name")))
        // Only the patch strategy, no list type: server-side apply must still merge by name.
        .addProperty(merge("initContainers", Schema.array(container, ListType.ATOMIC, List.of()), "name"))
        .addProperty(merge("volumes", Schema.array(volume, ListType.MAP, List.of("name")), "name"))
        .addProperty(prop("tolerations", Schema.array(toleration, ListType.ATOMIC, List.of())))
        .addProperty(prop("nodeSelector", Schema.map(string()).atomic()))
        .addProperty(prop("restartPolicy", string()));
    var template = Schema.object("io.k8s.api.core.v1.PodTemplateSpec", "")
        .addProperty(prop("metadata", OBJECT_META))
        .addProperty(prop("spec", podSpec));
    var selector = Schema.object("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", "").atomic()
        .addProperty(prop("matchLabels", Schema.map(string())));
    var spec = Schema.object("io.k8s.api.apps.v1.DeploymentSpec", "")
        .addProperty(prop("replicas", integer()))
        .addProperty(required(prop("selector", selector)))
        .addProperty(required(prop("template", template)))
        .addProperty(prop("paused", Schema.scalar(Type.BOOLEAN, "", "")));
    var status = Schema.object("io.k8s.api.apps.v1.DeploymentStatus", "")
        .addProperty(prop("replicas", integer()))
        .addProperty(prop("readyReplicas", integer()));
    return Schema.object("io.k8s.api.apps.v1.Deployment", "")
        .addProperty(prop("apiVersion", string()))
        .addProperty(prop("kind", string()))
        .addProperty(prop("metadata", OBJECT_META))
        .addProperty(prop("spec", spec))
        .addProperty(prop("status", status));
  }
}
