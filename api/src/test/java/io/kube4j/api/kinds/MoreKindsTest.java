package io.kube4j.api.kinds;

import static io.kube4j.api.kinds.Fixtures.json;
import static io.kube4j.api.kinds.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaulting and validation of the cluster-support kinds: RBAC, autoscaling, policy, networking, storage, nodes, events. */
class MoreKindsTest {

  static Stream<Arguments> defaults() {
    return Stream.of(
        Arguments.of("rolebinding api groups", "rbac.authorization.k8s.io/RoleBinding", """
            {roleRef: {kind: 'Role', name: 'r'}, subjects: [{kind: 'ServiceAccount', name: 'sa'}, {kind: 'User', name: 'u'}]}""", """
            {roleRef: {kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io'},
             subjects: [{kind: 'ServiceAccount', name: 'sa', apiGroup: ''},
                        {kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io'}]}"""),
        Arguments.of("hpa cpu default", "autoscaling/HorizontalPodAutoscaler", "{spec: {maxReplicas: 5}}", """
            {spec: {maxReplicas: 5, minReplicas: 1,
                    metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}]}}"""),
        Arguments.of("hpa behavior", "autoscaling/HorizontalPodAutoscaler",
            "{spec: {minReplicas: 2, maxReplicas: 5, metrics: [{type: 'Pods'}], behavior: {scaleDown: {stabilizationWindowSeconds: 60}}}}", """
            {spec: {minReplicas: 2, maxReplicas: 5, metrics: [{type: 'Pods'}],
                    behavior: {scaleDown: {stabilizationWindowSeconds: 60, selectPolicy: 'Max',
                                           policies: [{type: 'Percent', value: 100, periodSeconds: 15}]},
                               scaleUp: {stabilizationWindowSeconds: 0, selectPolicy: 'Max',
                                         policies: [{type: 'Pods', value: 4, periodSeconds: 15},
                                                    {type: 'Percent', value: 100, periodSeconds: 15}]}}}}"""),
        Arguments.of("pdb status", "policy/PodDisruptionBudget", "{spec: {minAvailable: 1}}", """
            {spec: {minAvailable: 1}, status: {currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0}}"""),
        Arguments.of("networkpolicy types", "networking.k8s.io/NetworkPolicy",
            "{spec: {podSelector: {}, egress: [{ports: [{port: 53}]}]}}", """
            {spec: {podSelector: {}, egress: [{ports: [{port: 53, protocol: 'TCP'}]}], policyTypes: ['Ingress', 'Egress']}}"""),
        Arguments.of("networkpolicy ingress only", "networking.k8s.io/NetworkPolicy", "{spec: {podSelector: {}}}", """
            {spec: {podSelector: {}, policyTypes: ['Ingress']}}"""),
        Arguments.of("ingress status", "networking.k8s.io/Ingress", "{spec: {}}", "{spec: {}, status: {loadBalancer: {}}}"),
        Arguments.of("storageclass", "storage.k8s.io/StorageClass", "{provisioner: 'rancher.io/local-path'}", """
            {provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate'}"""),
        Arguments.of("priorityclass", "scheduling.k8s.io/PriorityClass", "{value: 10}", "{value: 10, preemptionPolicy: 'PreemptLowerPriority'}"),
        Arguments.of("limitrange container", "/LimitRange",
            "{spec: {limits: [{type: 'Container', max: {cpu: '2'}, min: {memory: '64Mi'}, default: {memory: '256Mi'}}]}}", """
            {spec: {limits: [{type: 'Container', max: {cpu: '2'}, min: {memory: '64Mi'},
                              default: {memory: '256Mi', cpu: '2'}, defaultRequest: {memory: '256Mi', cpu: '2'}}]}}"""),
        Arguments.of("limitrange pod untouched", "/LimitRange", "{spec: {limits: [{type: 'Pod', max: {cpu: '2'}}]}}",
            "{spec: {limits: [{type: 'Pod', max: {cpu: '2'}}]}}"),
        Arguments.of("node allocatable", "/Node", "{status: {capacity: {cpu: '4', pods: '110'}}}",
            "{status: {capacity: {cpu: '4', pods: '110'}, allocatable: {cpu: '4', pods: '110'}}}"),
        Arguments.of("endpoints protocol", "/Endpoints", "{subsets: [{ports: [{port: 80}]}]}",
            "{subsets: [{ports: [{port: 80, protocol: 'TCP'}]}]}"),
        Arguments.of("endpointslice ports", "discovery.k8s.io/EndpointSlice", "{addressType: 'IPv4', ports: [{port: 80}]}",
            "{addressType: 'IPv4', ports: [{port: 80, name: '', protocol: 'TCP'}]}"),
        Arguments.of("resourcequota status", "/ResourceQuota", "{spec: {hard: {pods: '10'}}, status: {used: {pods: '3'}}}",
            "{spec: {hard: {pods: '10'}}, status: {}}"),
        Arguments.of("csidriver", "storage.k8s.io/CSIDriver", "{spec: {}}", """
            {spec: {attachRequired: true, podInfoOnMount: false, storageCapacity: false, fsGroupPolicy: 'ReadWriteOnceWithFSType',
                    volumeLifecycleModes: ['Persistent'], requiresRepublish: false, seLinuxMount: false}}"""),
        Arguments.of("crd", "apiextensions.k8s.io/CustomResourceDefinition", """
            {spec: {group: 'stable.example.com', names: {plural: 'crontabs', kind: 'CronTab'}, scope: 'Namespaced',
                    versions: [{name: 'v1', served: true, storage: true}]}}""", """
            {spec: {group: 'stable.example.com', names: {plural: 'crontabs', kind: 'CronTab', singular: 'crontab', listKind: 'CronTabList'},
                    scope: 'Namespaced', versions: [{name: 'v1', served: true, storage: true}], conversion: {strategy: 'None'}},
             status: {acceptedNames: {kind: '', plural: ''}, storedVersions: ['v1']}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void defaulting(String name, String groupKind, String input, String expected) {
    var object = json(input);
    var strategy = Fixtures.strategy(groupKind);
    strategy.applyDefaults(object);
    strategy.prepareForCreate(object);
    assertThat(object).isEqualTo(json(expected));
  }

  static Stream<Arguments> validation() {
    return Stream.of(
        Arguments.of("role ok", "rbac.authorization.k8s.io/Role",
            "{metadata: {name: 'r', namespace: 'd'}, rules: [{apiGroups: [''], resources: ['pods'], verbs: ['get']}]}", List.of()),
        Arguments.of("role verbs", "rbac.authorization.k8s.io/Role",
            "{metadata: {name: 'r', namespace: 'd'}, rules: [{apiGroups: [''], resources: ['pods']}]}",
            List.of("rules[0].verbs: Required value: verbs must contain at least one value")),
        Arguments.of("role api groups", "rbac.authorization.k8s.io/Role",
            "{metadata: {name: 'r', namespace: 'd'}, rules: [{resources: ['pods'], verbs: ['get']}]}",
            List.of("rules[0].apiGroups: Required value: resource rules must supply at least one api group")),
        Arguments.of("role non-resource", "rbac.authorization.k8s.io/Role",
            "{metadata: {name: 'r', namespace: 'd'}, rules: [{nonResourceURLs: ['/healthz'], verbs: ['get']}]}",
            List.of("rules[0].nonResourceURLs: Invalid value: [\"/healthz\"]: namespaced rules cannot apply to non-resource URLs")),
        Arguments.of("clusterrole non-resource ok", "rbac.authorization.k8s.io/ClusterRole",
            "{metadata: {name: 'r'}, rules: [{nonResourceURLs: ['/healthz'], verbs: ['get']}]}", List.of()),
        Arguments.of("binding role kind", "rbac.authorization.k8s.io/ClusterRoleBinding",
            "{metadata: {name: 'b'}, roleRef: {kind: 'Role', name: 'r'}, subjects: [{kind: 'ServiceAccount', name: 'sa'}]}",
            List.of("roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
                "subjects[0].namespace: Required value")),
        Arguments.of("binding subject kind", "rbac.authorization.k8s.io/RoleBinding",
            "{metadata: {name: 'b', namespace: 'd'}, roleRef: {kind: 'Role', name: 'r'}, subjects: [{kind: 'Robot', name: 'x'}]}",
            List.of("subjects[0].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"")),
        Arguments.of("binding roleRef name", "rbac.authorization.k8s.io/RoleBinding",
            "{metadata: {name: 'b', namespace: 'd'}, roleRef: {kind: 'Role'}}", List.of("roleRef.name: Required value")),
        Arguments.of("hpa ok", "autoscaling/HorizontalPodAutoscaler",
            "{metadata: {name: 'h', namespace: 'd'}, spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}, maxReplicas: 3}}", List.of()),
        Arguments.of("hpa bounds", "autoscaling/HorizontalPodAutoscaler",
            "{metadata: {name: 'h', namespace: 'd'}, spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, minReplicas: 5, maxReplicas: 3}}",
            List.of("spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`")),
        Arguments.of("hpa min replicas", "autoscaling/HorizontalPodAutoscaler",
            "{metadata: {name: 'h', namespace: 'd'}, spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, minReplicas: 0, maxReplicas: 3}}",
            List.of("spec.minReplicas: Invalid value: 0: must be greater than or equal to 1")),
        Arguments.of("hpa target", "autoscaling/HorizontalPodAutoscaler",
            "{metadata: {name: 'h', namespace: 'd'}, spec: {scaleTargetRef: {}, maxReplicas: 3}}",
            List.of("spec.scaleTargetRef.kind: Required value", "spec.scaleTargetRef.name: Required value")),
        Arguments.of("hpa metric type", "autoscaling/HorizontalPodAutoscaler",
            "{metadata: {name: 'h', namespace: 'd'}, spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, maxReplicas: 3, metrics: [{type: 'Magic'}]}}",
            List.of("spec.metrics[0].type: Unsupported value: \"Magic\"")),
        Arguments.of("pdb both", "policy/PodDisruptionBudget",
            "{metadata: {name: 'p', namespace: 'd'}, spec: {minAvailable: 1, maxUnavailable: 1}}",
            List.of("spec: Invalid value: ")),
        Arguments.of("pdb percent", "policy/PodDisruptionBudget",
            "{metadata: {name: 'p', namespace: 'd'}, spec: {maxUnavailable: '120%'}}",
            List.of("spec.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%")),
        Arguments.of("ingress ok", "networking.k8s.io/Ingress",
            "{metadata: {name: 'i', namespace: 'd'}, spec: {ingressClassName: 'nginx', rules: [{host: '*.example.com', http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 80}}}}]}}]}}", List.of()),
        Arguments.of("ingress empty", "networking.k8s.io/Ingress", "{metadata: {name: 'i', namespace: 'd'}, spec: {}}",
            List.of("spec: Invalid value: {}: either `defaultBackend` or `rules` must be specified")),
        Arguments.of("ingress path type", "networking.k8s.io/Ingress",
            "{metadata: {name: 'i', namespace: 'd'}, spec: {rules: [{http: {paths: [{path: '/', backend: {service: {name: 'web', port: {number: 80}}}}]}}]}}",
            List.of("spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified")),
        Arguments.of("ingress relative path", "networking.k8s.io/Ingress",
            "{metadata: {name: 'i', namespace: 'd'}, spec: {rules: [{http: {paths: [{path: 'api', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 80}}}}]}}]}}",
            List.of("spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path")),
        Arguments.of("ingress backend port", "networking.k8s.io/Ingress",
            "{metadata: {name: 'i', namespace: 'd'}, spec: {defaultBackend: {service: {name: 'web', port: {}}}}}",
            List.of("spec.defaultBackend.service.port: Required value: port name or number is required")),
        Arguments.of("ingress host ip", "networking.k8s.io/Ingress",
            "{metadata: {name: 'i', namespace: 'd'}, spec: {rules: [{host: '10.0.0.1'}]}}",
            List.of("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address")),
        Arguments.of("ingressclass controller", "networking.k8s.io/IngressClass", "{metadata: {name: 'c'}, spec: {}}",
            List.of("spec.controller: Required value")),
        Arguments.of("networkpolicy ok", "networking.k8s.io/NetworkPolicy",
            "{metadata: {name: 'n', namespace: 'd'}, spec: {podSelector: {matchLabels: {app: 'db'}}, ingress: [{from: [{podSelector: {}}, {ipBlock: {cidr: '10.0.0.0/8', except: ['10.1.0.0/16']}}], ports: [{port: 5432}]}]}}", List.of()),
        Arguments.of("networkpolicy cidr", "networking.k8s.io/NetworkPolicy",
            "{metadata: {name: 'n', namespace: 'd'}, spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: '10.0.0.0'}}]}]}}",
            List.of("spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")),
        Arguments.of("networkpolicy peer kinds", "networking.k8s.io/NetworkPolicy",
            "{metadata: {name: 'n', namespace: 'd'}, spec: {podSelector: {}, egress: [{to: [{podSelector: {}, ipBlock: {cidr: '10.0.0.0/8'}}]}]}}",
            List.of("spec.egress[0].to[0]: Forbidden: may not specify more than 1 peer type")),
        Arguments.of("networkpolicy end port", "networking.k8s.io/NetworkPolicy",
            "{metadata: {name: 'n', namespace: 'd'}, spec: {podSelector: {}, ingress: [{ports: [{port: 100, endPort: 50}]}]}}",
            List.of("spec.ingress[0].ports[0].endPort: Invalid value: 50: must be greater than or equal to `port`")),
        Arguments.of("storageclass provisioner", "storage.k8s.io/StorageClass", "{metadata: {name: 's'}}",
            List.of("provisioner: Required value")),
        Arguments.of("storageclass binding mode", "storage.k8s.io/StorageClass",
            "{metadata: {name: 's'}, provisioner: 'x.io/p', volumeBindingMode: 'Later'}",
            List.of("volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"")),
        Arguments.of("priorityclass reserved", "scheduling.k8s.io/PriorityClass", "{metadata: {name: 'system-mine'}, value: 5}",
            List.of("metadata.name: Forbidden: priority class names with 'system-' prefix are reserved")),
        Arguments.of("priorityclass system ok", "scheduling.k8s.io/PriorityClass", "{metadata: {name: 'system-node-critical'}, value: 2000001000}", List.of()),
        Arguments.of("priorityclass too high", "scheduling.k8s.io/PriorityClass", "{metadata: {name: 'p'}, value: 2000000000}",
            List.of("value: Forbidden: maximum allowed value of a user defined priority is 1000000000")),
        Arguments.of("limitrange order", "/LimitRange",
            "{metadata: {name: 'l', namespace: 'd'}, spec: {limits: [{type: 'Container', min: {cpu: '2'}, max: {cpu: '1'}}]}}",
            List.of("spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1")),
        Arguments.of("limitrange type", "/LimitRange",
            "{metadata: {name: 'l', namespace: 'd'}, spec: {limits: [{type: 'Node'}]}}",
            List.of("spec.limits[0].type: Unsupported value: \"Node\": supported values: \"Container\", \"PersistentVolumeClaim\", \"Pod\"")),
        Arguments.of("resourcequota negative", "/ResourceQuota",
            "{metadata: {name: 'q', namespace: 'd'}, spec: {hard: {'requests.cpu': '-1'}}}",
            List.of("spec.hard[requests.cpu]: Invalid value: \"-1\": must be greater than or equal to 0")),
        Arguments.of("resourcequota scope", "/ResourceQuota",
            "{metadata: {name: 'q', namespace: 'd'}, spec: {scopes: ['Sometimes']}}",
            List.of("spec.scopes: Unsupported value: \"Sometimes\"")),
        Arguments.of("node taint effect", "/Node", "{metadata: {name: 'n1'}, spec: {taints: [{key: 'k'}]}}",
            List.of("spec.taints[0].effect: Required value")),
        Arguments.of("node ok", "/Node", "{metadata: {name: 'n1'}, spec: {podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], taints: [{key: 'k', effect: 'NoSchedule'}]}}", List.of()),
        Arguments.of("event ok", "/Event",
            "{metadata: {name: 'p.1', namespace: 'd'}, involvedObject: {kind: 'Pod', name: 'p', namespace: 'd'}, reason: 'Pulled', type: 'Normal'}", List.of()),
        Arguments.of("legacy event name is free-form", "/Event",
            "{metadata: {name: 'Pod p.Started', namespace: 'default'}, involvedObject: {kind: 'Node', name: 'n1'}, reason: 'X'}", List.of()),
        Arguments.of("new-style core event", "/Event",
            "{metadata: {name: 'e', namespace: 'd'}, eventTime: '2024-01-01T00:00:00.000000Z', involvedObject: {kind: 'Pod', name: 'p', namespace: 'd'}}",
            List.of("reportingComponent: Required value", "reportingInstance: Required value", "action: Required value", "reason: Required value")),
        Arguments.of("event namespace", "/Event",
            "{metadata: {name: 'e', namespace: 'd'}, involvedObject: {kind: 'Pod', name: 'p', namespace: 'other'}}",
            List.of("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace")),
        Arguments.of("new event fields", "events.k8s.io/Event",
            "{metadata: {name: 'e', namespace: 'd'}, regarding: {kind: 'Pod', name: 'p', namespace: 'd'}, type: 'Bad'}",
            List.of("eventTime: Required value", "type: Invalid value: \"\": has invalid value: Bad",
                "reportingController: Required value", "reportingInstance: Required value", "action: Required value",
                "reason: Required value")),
        Arguments.of("new event ok", "events.k8s.io/Event",
            "{metadata: {name: 'e.1', namespace: 'd'}, eventTime: '2024-01-01T00:00:00.000000Z', regarding: {kind: 'Pod', name: 'p', namespace: 'd'}, "
                + "type: 'Normal', reportingController: 'kubernetes.io/kubelet', reportingInstance: 'kubelet-n1', action: 'Pulling', reason: 'Pulling'}", List.of()),
        Arguments.of("endpoints ip", "/Endpoints",
            "{metadata: {name: 'e', namespace: 'd'}, subsets: [{addresses: [{ip: 'x'}], ports: [{port: 80}]}]}",
            List.of("subsets[0].addresses[0].ip: Invalid value: \"x\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        Arguments.of("endpointslice type", "discovery.k8s.io/EndpointSlice", "{metadata: {name: 'e', namespace: 'd'}}",
            List.of("addressType: Required value")),
        Arguments.of("endpointslice address", "discovery.k8s.io/EndpointSlice",
            "{metadata: {name: 'e', namespace: 'd'}, addressType: 'IPv4', endpoints: [{addresses: ['::1']}, {addresses: []}]}",
            List.of("endpoints[0].addresses[0]: Invalid value: \"::1\": must be a valid IPv4 address",
                "endpoints[1].addresses: Required value: must contain at least 1 address")),
        Arguments.of("lease duration", "coordination.k8s.io/Lease",
            "{metadata: {name: 'n1', namespace: 'kube-node-lease'}, spec: {leaseDurationSeconds: 0}}",
            List.of("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0")),
        Arguments.of("volumeattachment source", "storage.k8s.io/VolumeAttachment",
            "{metadata: {name: 'va'}, spec: {attacher: 'a', nodeName: 'n', source: {}}}",
            List.of("spec.source: Forbidden: must specify exactly one of inlineVolumeSpec and persistentVolumeName")),
        Arguments.of("runtimeclass handler", "node.k8s.io/RuntimeClass", "{metadata: {name: 'r'}}", List.of("handler: Required value")),
        Arguments.of("crd ok", "apiextensions.k8s.io/CustomResourceDefinition", """
            {metadata: {name: 'crontabs.stable.example.com'}, spec: {group: 'stable.example.com',
             names: {plural: 'crontabs', kind: 'CronTab'}, scope: 'Namespaced',
             versions: [{name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object'}}}]}}""", List.of()),
        Arguments.of("crd name", "apiextensions.k8s.io/CustomResourceDefinition", """
            {metadata: {name: 'crontabs'}, spec: {group: 'stable.example.com',
             names: {plural: 'crontabs', kind: 'CronTab'}, scope: 'Namespaced',
             versions: [{name: 'v1', served: true, storage: false, schema: {openAPIV3Schema: {type: 'object'}}}]}}""",
            List.of("metadata.name: Invalid value: \"crontabs\": must be spec.names.plural+\".\"+spec.group",
                "spec.versions: Invalid value: ")),
        Arguments.of("crd schema", "apiextensions.k8s.io/CustomResourceDefinition", """
            {metadata: {name: 'crontabs.example'}, spec: {group: 'example', names: {plural: 'crontabs', kind: 'CronTab'},
             scope: 'Global', versions: [{name: 'v1', served: true, storage: true}]}}""",
            List.of("spec.group: Invalid value: \"example\": should be a domain with at least one dot",
                "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"",
                "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validation")
  void validate(String name, String groupKind, String object, List<String> expected) {
    var actual = messages(Fixtures.create(groupKind, json(object)));
    if (expected.isEmpty()) {
      assertThat(actual).isEmpty();
    }
    for (String e : expected) {
      assertThat(actual).anySatisfy(m -> assertThat(m).startsWith(e));
    }
  }
}
