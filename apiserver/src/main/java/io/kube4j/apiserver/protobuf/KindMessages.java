package io.kube4j.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kube4j.api.GroupVersionKind;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Node;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protobuf message of each built-in kind, from the descriptors of {@code io.kubernetes:client-java-proto}:
 * {@code apps/v1 Deployment} is {@code k8s.io.api.apps.v1.Deployment}. Immutable once built.
 *
 * <p>The jar is newer than Kubernetes 1.32 (its 1.32 release lacks coordination, discovery, events,
 * node, apiextensions/v1 and autoscaling/v2). Protobuf field numbers are never reused, so newer
 * descriptors read what a 1.32 client writes; fields only a newer client sends are then refused by the
 * 1.32 schema check exactly as if they had come as JSON.
 */
final class KindMessages {

  private final Map<String, Descriptor> messages;

  private KindMessages(Map<String, Descriptor> messages) {
    this.messages = Map.copyOf(messages);
  }

  /** The API groups the jar carries, in the versions kube4j serves. */
  static KindMessages builtin() {
    var files = List.of(IntStr.getDescriptor(), Meta.getDescriptor(), Resource.getDescriptor(), Runtime.getDescriptor(),
        V1.getDescriptor(), V1Admissionregistration.getDescriptor(), V1Apiextensions.getDescriptor(), V1Apps.getDescriptor(),
        V1Authentication.getDescriptor(), V1Authorization.getDescriptor(), V1Autoscaling.getDescriptor(), V2Autoscaling.getDescriptor(),
        V1Batch.getDescriptor(), V1Certificates.getDescriptor(), V1Coordination.getDescriptor(), V1Discovery.getDescriptor(),
        V1Events.getDescriptor(), V1Networking.getDescriptor(), V1Node.getDescriptor(), V1Policy.getDescriptor(),
        V1Rbac.getDescriptor(), V1Scheduling.getDescriptor(), V1Storage.getDescriptor());
    var messages = new HashMap<String, Descriptor>();
    for (FileDescriptor file : files) {
      for (var message : file.getMessageTypes()) {
        messages.put(message.getFullName(), message);
      }
    }
    return new KindMessages(messages);
  }

  /** Every top-level message of the loaded files. */
  java.util.Collection<Descriptor> all() {
    return messages.values();
  }

  /** The message of {@code kind}, or empty if the jar has none for it. */
  Optional<Descriptor> forKind(GroupVersionKind kind) {
    var pkg = protoPackage(kind.group(), kind.version());
    return Optional.ofNullable(messages.get(pkg + "." + kind.kind()));
  }

  /**
   * The protobuf package of an API group version, the way upstream lays out its {@code generated.proto}
   * files: {@code k8s.io.api.<first label of the group>.<version>}, {@code core} for the core group.
   */
  static String protoPackage(String group, String version) {
    if (group.isEmpty()) {
      return "k8s.io.api.core." + version;
    }
    if (group.equals("apiextensions.k8s.io")) {
      return "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions." + version;
    }
    int dot = group.indexOf('.');
    return "k8s.io.api." + (dot < 0 ? group : group.substring(0, dot)) + "." + version;
  }
}
