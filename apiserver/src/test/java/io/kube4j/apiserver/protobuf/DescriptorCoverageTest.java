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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

  /** Groups client-java-proto 24.0.0 does not carry; requests for them get 415 and must be sent as JSON. */
  private static final Set<String> WITHOUT_DESCRIPTOR = Set.of(
      "apiextensions.k8s.io/v1, Kind=CustomResourceDefinition",
      "coordination.k8s.io/v1, Kind=Lease",
      "discovery.k8s.io/v1, Kind=EndpointSlice",
      "events.k8s.io/v1, Kind=Event",
      "node.k8s.io/v1, Kind=RuntimeClass");

  @Test
  void everyServedKindHasADescriptorExceptTheKnownGaps() {
    var missing = new TreeSet<String>();
    for (var def : BuiltinResources.all()) {
      for (var version : def.versions()) {
        if (MESSAGES.forKind(def.kindIn(version)).isEmpty()) {
          missing.add(def.kindIn(version).toString());
        }
      }
    }

    assertThat(missing).containsExactlyInAnyOrderElementsOf(WITHOUT_DESCRIPTOR);
  }

  /**
   * Fields of the jar's (Kubernetes 1.30) descriptors that Kubernetes 1.32 no longer has: a client would
   * not send them, and kube4j's schema rightly lacks them.
   */
  private static final Set<String> REMOVED_SINCE_THE_JAR = Set.of(
      "k8s.io.api.core.v1.PodResourceClaim.source");

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
    unknown.removeAll(REMOVED_SINCE_THE_JAR);
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
    var all = new ArrayList<Descriptor>();
    for (var file : List.of(io.kubernetes.client.proto.V1.getDescriptor(), io.kubernetes.client.proto.Meta.getDescriptor(),
        io.kubernetes.client.proto.V1Apps.getDescriptor(), io.kubernetes.client.proto.V1Batch.getDescriptor(),
        io.kubernetes.client.proto.V1Networking.getDescriptor(), io.kubernetes.client.proto.V1Rbac.getDescriptor(),
        io.kubernetes.client.proto.V1Policy.getDescriptor(), io.kubernetes.client.proto.V1Storage.getDescriptor(),
        io.kubernetes.client.proto.V1Scheduling.getDescriptor(), io.kubernetes.client.proto.V2beta2Autoscaling.getDescriptor(),
        io.kubernetes.client.proto.V1Autoscaling.getDescriptor())) {
      all.addAll(file.getMessageTypes());
    }
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
    // Fields Kubernetes added after the jar's descriptors (1.30): the decoder cannot see them on the wire anyway.
    assertThat(stale).isSubsetOf(ADDED_SINCE_THE_JAR);
  }

  /**
   * Kubernetes 1.31 and 1.32 fields (mostly alpha: pod-level resources, image volumes, the new DRA claim
   * references, SELinux/supplemental-group policies) that the jar's 1.30 descriptors lack. Sent as
   * protobuf they are dropped with a warning; this list is the exact gap.
   */
  private static final Set<String> ADDED_SINCE_THE_JAR = Set.of(
      "k8s.io.api.core.v1.ContainerStatus user",
      "k8s.io.api.core.v1.ContainerUser linux",
      "k8s.io.api.core.v1.LinuxContainerUser gid",
      "k8s.io.api.core.v1.LinuxContainerUser uid",
      "k8s.io.api.core.v1.NodeFeatures supplementalGroupsPolicy",
      "k8s.io.api.core.v1.NodeRuntimeHandlerFeatures userNamespaces",
      "k8s.io.api.core.v1.NodeStatus features",
      "k8s.io.api.core.v1.PodLogOptions stream",
      "k8s.io.api.core.v1.PodResourceClaim resourceClaimName",
      "k8s.io.api.core.v1.PodResourceClaim resourceClaimTemplateName",
      "k8s.io.api.core.v1.PodSecurityContext seLinuxChangePolicy",
      "k8s.io.api.core.v1.PodSecurityContext supplementalGroupsPolicy",
      "k8s.io.api.core.v1.PodSpec resources",
      "k8s.io.api.core.v1.ResourceHealth resourceID",
      "k8s.io.api.core.v1.ResourceStatus name",
      "k8s.io.api.core.v1.VolumeSource image",
      "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions ignoreStoreReadErrorWithClusterBreakingPotential",
      "k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement key",
      "k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement operator");
}
