package io.kube4j.machinery.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kube4j.api.schema.Schema;
import io.kube4j.api.schema.Schema.ListType;
import io.kube4j.api.schema.Schema.Property;
import io.kube4j.api.schema.Schema.Type;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Hand-built schemas with the real upstream patch strategies and merge keys (core/v1 Pod, apps/v1 Deployment)
 * and upstream's own strategic-merge-patch test type ({@code MergeItem}), plus YAML parsing for the cases.
 */
final class PatchFixtures {

  private static final ObjectMapper YAML = new YAMLMapper();

  static final Schema STRING = Schema.scalar(Type.STRING, "", "");
  static final Schema INTEGER = Schema.scalar(Type.INTEGER, "int32", "");
  static final Schema BOOLEAN = Schema.scalar(Type.BOOLEAN, "", "");
  static final Schema INT_OR_STRING = Schema.scalar(Type.INT_OR_STRING, "int-or-string", "");
  static final Schema ANY = Schema.scalar(Type.ANY, "", "");

  static final Schema POD;
  static final Schema DEPLOYMENT;
  static final Schema MERGE_ITEM;

  static {
    var ownerReference = Schema.object("io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference", "")
        .addProperty(plain("apiVersion", STRING))
        .addProperty(plain("kind", STRING))
        .addProperty(plain("name", STRING))
        .addProperty(plain("uid", STRING))
        .addProperty(plain("controller", BOOLEAN));
    var objectMeta = Schema.object("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "")
        .addProperty(plain("name", STRING))
        .addProperty(plain("namespace", STRING))
        .addProperty(plain("labels", Schema.map(STRING)))
        .addProperty(plain("annotations", Schema.map(STRING)))
        .addProperty(merging("finalizers", Schema.array(STRING, ListType.SET, List.of()), ""))
        .addProperty(merging("ownerReferences", Schema.array(ownerReference, ListType.MAP, List.of("uid")), "uid"));

    var containerPort = Schema.object("io.k8s.api.core.v1.ContainerPort", "")
        .addProperty(plain("name", STRING))
        .addProperty(plain("containerPort", INTEGER))
        .addProperty(plain("hostPort", INTEGER))
        .addProperty(plain("protocol", STRING));
    var envVar = Schema.object("io.k8s.api.core.v1.EnvVar", "")
        .addProperty(plain("name", STRING))
        .addProperty(plain("value", STRING))
        .addProperty(plain("valueFrom", ANY));
    var volumeMount = Schema.object("io.k8s.api.core.v1.VolumeMount", "")
        .addProperty(plain("name", STRING))
        .addProperty(plain("mountPath", STRING))
        .addProperty(plain("readOnly", BOOLEAN));
    var resources = Schema.object("io.k8s.api.core.v1.ResourceRequirements", "")
        .addProperty(plain("limits", Schema.map(INT_OR_STRING)))
        .addProperty(plain("requests", Schema.map(INT_OR_STRING)));
    var container = Schema.object("io.k8s.api.core.v1.Container", "")
        .addProperty(plain("name", STRING))
        .addProperty(plain("image", STRING))
        .addProperty(plain("command", Schema.array(STRING, ListType.ATOMIC, List.of())))
        .addProperty(plain("args", Schema.array(STRING, ListType.ATOMIC, List.of())))
        .addProperty(merging("ports", Schema.array(containerPort, ListType.MAP, List.of("containerPort", "protocol")), "containerPort"))
        .addProperty(merging("env", Schema.array(envVar, ListType.MAP, List.of("name")), "name"))
        .addProperty(merging("volumeMounts", Schema.array(volumeMount, ListType.MAP, List.of("mountPath")), "mountPath"))
        .addProperty(plain("resources", resources));
    var keyToPath = Schema.object("io.k8s.api.core.v1.KeyToPath", "")
        .addProperty(plain("key", STRING))
        .addProperty(plain("path", STRING));
    var volume = Schema.object("io.k8s.api.core.v1.Volume", "")
        .addProperty(plain("name", STRING))
        .addProperty(plain("emptyDir", Schema.object("io.k8s.api.core.v1.EmptyDirVolumeSource", "")
            .addProperty(plain("medium", STRING))
            .addProperty(plain("sizeLimit", INT_OR_STRING))))
        .addProperty(plain("hostPath", Schema.object("io.k8s.api.core.v1.HostPathVolumeSource", "")
            .addProperty(plain("path", STRING))
            .addProperty(plain("type", STRING))))
        .addProperty(plain("configMap", Schema.object("io.k8s.api.core.v1.ConfigMapVolumeSource", "")
            .addProperty(plain("name", STRING))
            .addProperty(plain("items", Schema.array(keyToPath, ListType.ATOMIC, List.of())))));
    var toleration = Schema.object("io.k8s.api.core.v1.Toleration", "")
        .addProperty(plain("key", STRING))
        .addProperty(plain("operator", STRING))
        .addProperty(plain("effect", STRING));
    var podSpec = Schema.object("io.k8s.api.core.v1.PodSpec", "")
        .addProperty(merging("containers", Schema.array(container, ListType.MAP, List.of("name")), "name"))
        .addProperty(merging("initContainers", Schema.array(container, ListType.MAP, List.of("name")), "name"))
        .addProperty(new Property("volumes", Schema.array(volume, ListType.MAP, List.of("name")), "", false,
            List.of("merge", "retainKeys"), "name"))
        .addProperty(plain("tolerations", Schema.array(toleration, ListType.ATOMIC, List.of())))
        .addProperty(plain("nodeSelector", Schema.map(STRING).atomic()))
        .addProperty(plain("restartPolicy", STRING))
        .addProperty(plain("serviceAccountName", STRING));
    POD = Schema.object("io.k8s.api.core.v1.Pod", "")
        .addProperty(plain("apiVersion", STRING))
        .addProperty(plain("kind", STRING))
        .addProperty(plain("metadata", objectMeta))
        .addProperty(plain("spec", podSpec));

    var rollingUpdate = Schema.object("io.k8s.api.apps.v1.RollingUpdateDeployment", "")
        .addProperty(plain("maxSurge", INT_OR_STRING))
        .addProperty(plain("maxUnavailable", INT_OR_STRING));
    var strategy = Schema.object("io.k8s.api.apps.v1.DeploymentStrategy", "")
        .addProperty(plain("type", STRING))
        .addProperty(plain("rollingUpdate", rollingUpdate));
    var template = Schema.object("io.k8s.api.core.v1.PodTemplateSpec", "")
        .addProperty(plain("metadata", objectMeta))
        .addProperty(plain("spec", podSpec));
    var deploymentSpec = Schema.object("io.k8s.api.apps.v1.DeploymentSpec", "")
        .addProperty(plain("replicas", INTEGER))
        .addProperty(plain("selector", ANY))
        .addProperty(plain("template", template))
        .addProperty(new Property("strategy", strategy, "", false, List.of("retainKeys"), ""))
        .addProperty(plain("minReadySeconds", INTEGER));
    DEPLOYMENT = Schema.object("io.k8s.api.apps.v1.Deployment", "")
        .addProperty(plain("apiVersion", STRING))
        .addProperty(plain("kind", STRING))
        .addProperty(plain("metadata", objectMeta))
        .addProperty(plain("spec", deploymentSpec));

    // upstream's MergeItem / RetainKeysMergeItem from apimachinery's strategicpatch tests
    MERGE_ITEM = Schema.object("mergeItem", "");
    var retainKeysItem = Schema.object("retainKeysMergeItem", "")
        .addProperty(plain("name", STRING))
        .addProperty(plain("value", STRING))
        .addProperty(plain("other", STRING))
        .addProperty(plain("simpleMap", Schema.map(STRING)))
        .addProperty(merging("mergingIntList", Schema.array(INTEGER, ListType.SET, List.of()), ""))
        .addProperty(merging("mergingList", Schema.array(MERGE_ITEM, ListType.MAP, List.of("name")), "name"))
        .addProperty(plain("nonMergingList", Schema.array(MERGE_ITEM, ListType.ATOMIC, List.of())));
    MERGE_ITEM
        .addProperty(plain("name", STRING))
        .addProperty(plain("value", STRING))
        .addProperty(plain("other", STRING))
        .addProperty(merging("mergingList", Schema.array(MERGE_ITEM, ListType.MAP, List.of("name")), "name"))
        .addProperty(plain("nonMergingList", Schema.array(MERGE_ITEM, ListType.ATOMIC, List.of())))
        .addProperty(merging("mergingIntList", Schema.array(INTEGER, ListType.SET, List.of()), ""))
        .addProperty(plain("nonMergingIntList", Schema.array(INTEGER, ListType.ATOMIC, List.of())))
        .addProperty(merging("mergeItemPtr", MERGE_ITEM, "name"))
        .addProperty(plain("simpleMap", Schema.map(STRING)))
        .addProperty(new Property("replacingItem", ANY, "", false, List.of("replace"), ""))
        .addProperty(new Property("retainKeysMap", retainKeysItem, "", false, List.of("retainKeys"), ""))
        .addProperty(new Property("retainKeysMergingList", Schema.array(MERGE_ITEM, ListType.MAP, List.of("name")), "", false,
            List.of("merge", "retainKeys"), "name"));
  }

  private PatchFixtures() {}

  private static Property plain(String name, Schema schema) {
    return Property.of(name, schema, "");
  }

  private static Property merging(String name, Schema schema, String mergeKey) {
    return new Property(name, schema, "", false, List.of("merge"), mergeKey);
  }

  /** Parses YAML (or JSON, which is YAML); blank text is null. */
  static JsonNode yaml(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
