package io.kube4j.api.kinds;

import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.strategy.ResourceStrategy;
import io.kube4j.api.kinds.GenericStrategy.Generation;
import io.kube4j.api.validation.NameRule;

/**
 * The registry of per-kind strategies: for each built-in resource, the object that defaults and validates it the way
 * a Kubernetes 1.32 API server does.
 */
public final class Strategies {

  private Strategies() {}

  /** The strategy for one built-in resource; kinds without special rules get metadata validation only. */
  public static ResourceStrategy forResource(ResourceDefinition def) {
    return switch (def.group() + "/" + def.kind()) {
      case "/Pod" -> new PodStrategy(def);
      case "/PodTemplate" -> new PodTemplateStrategy(def);
      case "/ReplicationController" -> new ReplicationControllerStrategy(def);
      case "/Service" -> new ServiceStrategy(def);
      case "/Secret" -> new SecretStrategy(def);
      case "/ConfigMap" -> new ConfigMapStrategy(def);
      case "/Namespace" -> new NamespaceStrategy(def);
      case "/PersistentVolume" -> new PersistentVolumeStrategy(def);
      case "/PersistentVolumeClaim" -> new PersistentVolumeClaimStrategy(def);
      case "apps/Deployment" -> new DeploymentStrategy(def);
      case "apps/ReplicaSet" -> new ReplicaSetStrategy(def);
      case "apps/StatefulSet" -> new StatefulSetStrategy(def);
      case "apps/DaemonSet" -> new DaemonSetStrategy(def);
      case "batch/Job" -> new JobStrategy(def);
      case "batch/CronJob" -> new CronJobStrategy(def);
      case "/Node" -> new NodeStrategy(def);
      case "/Event", "events.k8s.io/Event" -> new EventStrategy(def);
      case "/Endpoints" -> new EndpointsStrategy(def);
      case "/ResourceQuota" -> new ResourceQuotaStrategy(def);
      case "/LimitRange" -> new LimitRangeStrategy(def);
      case "discovery.k8s.io/EndpointSlice" -> new EndpointSliceStrategy(def);
      case "networking.k8s.io/Ingress" -> new IngressStrategy(def);
      case "networking.k8s.io/IngressClass" -> new IngressClassStrategy(def);
      case "networking.k8s.io/NetworkPolicy" -> new NetworkPolicyStrategy(def);
      case "rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/RoleBinding", "rbac.authorization.k8s.io/ClusterRoleBinding" -> new RbacStrategy(def);
      case "autoscaling/HorizontalPodAutoscaler" -> new HorizontalPodAutoscalerStrategy(def);
      case "policy/PodDisruptionBudget" -> new PodDisruptionBudgetStrategy(def);
      case "scheduling.k8s.io/PriorityClass" -> new PriorityClassStrategy(def);
      case "storage.k8s.io/StorageClass" -> new StorageClassStrategy(def);
      case "apiextensions.k8s.io/CustomResourceDefinition" -> new CustomResourceDefinitionStrategy(def);
      case "coordination.k8s.io/Lease" -> new SmallKindStrategies.Lease(def);
      case "apps/ControllerRevision" -> new SmallKindStrategies.ControllerRevision(def);
      case "node.k8s.io/RuntimeClass" -> new SmallKindStrategies.RuntimeClass(def);
      case "storage.k8s.io/CSIDriver" -> new SmallKindStrategies.CsiDriver(def);
      case "storage.k8s.io/VolumeAttachment" -> new SmallKindStrategies.VolumeAttachment(def);
      default -> generic(def);
    };
  }

  private static ResourceStrategy generic(ResourceDefinition def) {
    var nameRule = switch (def.group()) {
      case "rbac.authorization.k8s.io" -> NameRule.PATH_SEGMENT;
      default -> def.kind().equals("ComponentStatus") ? NameRule.ANY : NameRule.DNS_SUBDOMAIN;
    };
    var generation = switch (def.kind()) {
      case "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "IngressClass", "NetworkPolicy",
          "EndpointSlice", "CustomResourceDefinition" -> Generation.TRACKED;
      default -> Generation.NOT_TRACKED;
    };
    return new GenericStrategy(def, nameRule, generation);
  }
}
