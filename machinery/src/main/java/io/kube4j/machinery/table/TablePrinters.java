package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The registry of server-side printers: which {@link TablePrinter} renders each built-in resource
 * (by group and plural resource name, as upstream registers them), and the default
 * {@code Name}/{@code Created At} printer for everything else.
 */
public final class TablePrinters {

  private static final Map<String, TablePrinter> BUILTIN = Map.ofEntries(
      Map.entry("/pods", new PodPrinter()),
      Map.entry("/podtemplates", BuiltinPrinters.podTemplates()),
      Map.entry("/replicationcontrollers", BuiltinPrinters.replicationControllers()),
      Map.entry("/services", BuiltinPrinters.services()),
      Map.entry("/endpoints", BuiltinPrinters.endpoints()),
      Map.entry("/nodes", BuiltinPrinters.nodes()),
      Map.entry("/events", BuiltinPrinters.events()),
      Map.entry("/namespaces", BuiltinPrinters.namespaces()),
      Map.entry("/secrets", BuiltinPrinters.secrets()),
      Map.entry("/serviceaccounts", BuiltinPrinters.serviceAccounts()),
      Map.entry("/persistentvolumes", BuiltinPrinters.persistentVolumes()),
      Map.entry("/persistentvolumeclaims", BuiltinPrinters.persistentVolumeClaims()),
      Map.entry("/componentstatuses", BuiltinPrinters.componentStatuses()),
      Map.entry("/configmaps", BuiltinPrinters.configMaps()),
      Map.entry("/resourcequotas", BuiltinPrinters.resourceQuotas()),
      Map.entry("apps/deployments", BuiltinPrinters.deployments()),
      Map.entry("apps/replicasets", BuiltinPrinters.replicaSets()),
      Map.entry("apps/statefulsets", BuiltinPrinters.statefulSets()),
      Map.entry("apps/daemonsets", BuiltinPrinters.daemonSets()),
      Map.entry("apps/controllerrevisions", BuiltinPrinters.controllerRevisions()),
      Map.entry("batch/jobs", BuiltinPrinters.jobs()),
      Map.entry("batch/cronjobs", BuiltinPrinters.cronJobs()),
      Map.entry("autoscaling/horizontalpodautoscalers", BuiltinPrinters.horizontalPodAutoscalers()),
      Map.entry("policy/poddisruptionbudgets", BuiltinPrinters.podDisruptionBudgets()),
      Map.entry("networking.k8s.io/ingresses", BuiltinPrinters.ingresses()),
      Map.entry("networking.k8s.io/ingressclasses", BuiltinPrinters.ingressClasses()),
      Map.entry("networking.k8s.io/networkpolicies", BuiltinPrinters.networkPolicies()),
      Map.entry("rbac.authorization.k8s.io/rolebindings", BuiltinPrinters.roleBindings("roleBinding")),
      Map.entry("rbac.authorization.k8s.io/clusterrolebindings", BuiltinPrinters.roleBindings("clusterRoleBinding")),
      Map.entry("coordination.k8s.io/leases", BuiltinPrinters.leases()),
      Map.entry("discovery.k8s.io/endpointslices", BuiltinPrinters.endpointSlices()),
      Map.entry("events.k8s.io/events", BuiltinPrinters.events()),
      Map.entry("storage.k8s.io/storageclasses", BuiltinPrinters.storageClasses()),
      Map.entry("storage.k8s.io/volumeattachments", BuiltinPrinters.volumeAttachments()),
      Map.entry("storage.k8s.io/csidrivers", BuiltinPrinters.csiDrivers()),
      Map.entry("storage.k8s.io/csinodes", BuiltinPrinters.csiNodes()),
      Map.entry("storage.k8s.io/csistoragecapacities", BuiltinPrinters.csiStorageCapacities()),
      Map.entry("scheduling.k8s.io/priorityclasses", BuiltinPrinters.priorityClasses()),
      Map.entry("node.k8s.io/runtimeclasses", BuiltinPrinters.runtimeClasses()));

  private TablePrinters() {}

  /**
   * The printer for a resource ({@code group} empty for core). Resources upstream prints with the
   * default convertor (roles, clusterroles, limitranges, customresourcedefinitions, and anything
   * unknown) get {@link #defaultPrinter()}.
   */
  public static TablePrinter forResource(String group, String resource) {
    return BUILTIN.getOrDefault((group == null ? "" : group) + "/" + resource, DefaultTablePrinter.INSTANCE);
  }

  /** Whether the resource has a dedicated printer rather than the default one. */
  public static boolean hasDedicatedPrinter(String group, String resource) {
    return BUILTIN.containsKey((group == null ? "" : group) + "/" + resource);
  }

  /** Upstream's default table: {@code Name} and {@code Created At}. */
  public static TablePrinter defaultPrinter() {
    return DefaultTablePrinter.INSTANCE;
  }

  /** The printer of a custom resource version, from its CRD's {@code additionalPrinterColumns} node. */
  public static TablePrinter forCustomResource(JsonNode crdVersion) {
    return CustomColumnsPrinter.fromCrdVersion(crdVersion);
  }
}
