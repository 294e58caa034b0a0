package io.kube4j.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.kube4j.api.BuiltinResources;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.schema.BuiltinSchemas;
import io.kube4j.api.schema.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks the descriptors of client-java-proto against what kube4j serves: which kinds have one, and that
 * every JSON name the decoder produces is a property of kube4j's (upstream OpenAPI) schema of that kind.
 */
class DescriptorCoverageTest {

  private static final KindMessages MESSAGES = KindMessages.builtin();
  private static final GoJsonFields FIELDS = GoJsonFields.load();

  @Test
  void everyServedKindHasADescriptor() {
    var missing = new TreeSet<String>();
    for (var def : BuiltinResources.all()) {
      for (var version : def.versions()) {
        if (MESSAGES.forKind(def.kindIn(version)).isEmpty()) {
          missing.add(def.kindIn(version).toString());
        }
      }
    }

    assertThat(missing).isEmpty();
  }

  /**
   * Fields of the jar's descriptors that Kubernetes 1.32 does not have yet: a 1.32 client never sends
   * them, and kube4j's 1.32 schema rightly lacks them.
   */
  private static final Set<String> ADDED_AFTER_1_32 = Set.of(
      "k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerCondition.observedGeneration",
      "k8s.io.api.core.v1.Container.restartPolicyRules",
      "k8s.io.api.core.v1.EnvVarSource.fileKeyRef",
      "k8s.io.api.core.v1.EphemeralContainerCommon.restartPolicyRules",
      "k8s.io.api.core.v1.NodeStatus.declaredFeatures",
      "k8s.io.api.core.v1.PodSpec.hostnameOverride",
      "k8s.io.api.core.v1.PodSpec.schedulingGroup",
      "k8s.io.api.core.v1.PodStatus.allocatedResources",
      "k8s.io.api.core.v1.PodStatus.extendedResourceClaimStatus",
      "k8s.io.api.core.v1.PodStatus.nodeAllocatableResourceClaimStatuses",
      "k8s.io.api.core.v1.PodStatus.resources",
      "k8s.io.api.core.v1.ResourceHealth.message",
      "k8s.io.api.core.v1.VolumeMountStatus.volumeStatus",
      "k8s.io.api.core.v1.VolumeProjection.podCertificate",
      "k8s.io.api.storage.v1.CSIDriverSpec.preventPodSchedulingIfMissing",
      "k8s.io.api.storage.v1.CSIDriverSpec.serviceAccountTokenInSecrets",
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition.observedGeneration",
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus.observedGeneration");

  @Test
  void everyDecodedFieldNameIsInTheKindsSchema() {
    var schemas = new BuiltinSchemas();
    var unknown = new TreeSet<String>();
    int kinds = 0;
    for (var def : BuiltinResources.all()) {
      for (var version : def.versions()) {
        GroupVersionKind kind = def.kindIn(version);
        var message = MESSAGES.forKind(kind);
        var schema = schemas.forKind(kind);
        if (message.isEmpty() || schema.isEmpty()) {
          continue;
        }
        kinds++;
        walk(message.get(), schema.get(), kind.kind(), unknown, new HashSet<>());
      }
    }

    assertThat(kinds).isGreaterThan(35);
    unknown.removeAll(ADDED_AFTER_1_32);
    assertThat(unknown).isEmpty();
  }

  private static void walk(Descriptor message, Schema schema, String path, Set<String> unknown, Set<String> seen) {
    if (!seen.add(message.getFullName() + "@" + schema.name() + "@" + path.length())) {
      return;
    }
    for (var field : message.getFields()) {
      if (FIELDS.mode(message, field) == GoJsonFields.Mode.INLINE) {
        walk(field.getMessageType(), schema, path, unknown, seen);
        continue;
      }
      var name = FIELDS.jsonName(message, field);
      var property = schema.property(name);
      if (property.isEmpty()) {
        unknown.add(message.getFullName() + "." + field.getName());
        continue;
      }
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || path.length() > 400) {
        continue;
      }
      var child = property.get().schema();
      if (field.isMapField()) {
        var value = field.getMessageType().findFieldByNumber(2);
        if (value.getJavaType() == FieldDescriptor.JavaType.MESSAGE && child.type() == Schema.Type.MAP && child.elements().type() == Schema.Type.OBJECT) {
          walk(value.getMessageType(), child.elements(), path + "." + name, unknown, seen);
        }
      } else if (field.isRepeated()) {
        if (child.type() == Schema.Type.ARRAY && child.elements().type() == Schema.Type.OBJECT) {
          walk(field.getMessageType(), child.elements(), path + "." + name, unknown, seen);
        }
      } else if (child.type() == Schema.Type.OBJECT) {
        walk(field.getMessageType(), child, path + "." + name, unknown, seen);
      }
    }
  }

  @Test
  void everyLineOfTheGoFieldTableNamesAFieldOfTheDescriptors() throws IOException {
    var all = MESSAGES.all();
    var known = new HashSet<String>();
    var packages = new HashSet<String>();
    for (var message : all) {
      packages.add(message.getFile().getPackage());
      message.getFields().forEach(f -> known.add(message.getFullName() + " " + f.getName()));
    }
    var stale = new TreeSet<String>();
    int checked = 0;
    try (var reader = new BufferedReader(new InputStreamReader(GoJsonFields.class.getResourceAsStream("go-json-fields.txt"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        var parts = line.split(" ");
        var pkg = parts[0].substring(0, parts[0].lastIndexOf('.'));
        if (!packages.contains(pkg)) {
          continue;
        }
        checked++;
        if (!known.contains(parts[0] + " " + parts[1])) {
          stale.add(parts[0] + " " + parts[1]);
        }
      }
    }

    assertThat(checked).isGreaterThan(500);
    assertThat(stale).containsExactlyInAnyOrderElementsOf(REMOVED_AFTER_1_32);
  }

  /**
   * Kubernetes 1.32 fields that the jar's newer descriptors no longer have. Sent as protobuf by a 1.32
   * client they are dropped with a warning; this list is the exact gap.
   */
  private static final Set<String> REMOVED_AFTER_1_32 = Set.of();
}
