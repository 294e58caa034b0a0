package io.kube4j.api.kinds;

import static io.kube4j.api.kinds.Fixtures.json;
import static io.kube4j.api.kinds.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Updates: the stored object (created through the strategy), a change, and the errors upstream gives (or none). */
class UpdateValidationTest {

  static final String C = "{name: 'c', image: 'nginx:1'}";
  static final String POD = "{metadata: {name: 'p', namespace: 'd', uid: 'u', creationTimestamp: '2024-01-01T00:00:00Z'}, spec: {containers: [" + C + "], tolerations: [{key: 'a', operator: 'Exists'}], activeDeadlineSeconds: 100}}";
  static final String DEPLOY = "{metadata: {name: 'web', namespace: 'd'}, spec: {selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [" + C + "]}}}}";
  static final String SVC = "{metadata: {name: 's', namespace: 'd'}, spec: {type: 'NodePort', clusterIP: '10.96.0.10', ports: [{name: 'http', port: 80, nodePort: 30080}]}}";

  /** A JSON edit applied to the stored object to make the update. */
  interface Edit {
    void apply(com.fasterxml.jackson.databind.node.ObjectNode o);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("pod image change allowed", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/containers/0")).put("image", "nginx:2"), List.of()),
        Arguments.of("pod label change allowed", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("metadata")).putObject("labels").put("a", "b"), List.of()),
        Arguments.of("pod toleration addition allowed", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ArrayNode) o.at("/spec/tolerations")).addObject().put("key", "b").put("operator", "Exists"), List.of()),
        Arguments.of("pod deadline shortened", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("activeDeadlineSeconds", 50), List.of()),
        Arguments.of("pod deadline extended", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("activeDeadlineSeconds", 500),
            List.of("spec.activeDeadlineSeconds: Invalid value: 500: must be less than or equal to previous value")),
        Arguments.of("pod env change forbidden", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/containers/0")).putArray("env").addObject().put("name", "A"),
            List.of("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to "
                + "existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)")),
        Arguments.of("pod toleration removal forbidden", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).putArray("tolerations"),
            List.of("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds")),
        Arguments.of("name immutable", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("metadata")).put("name", "q"),
            List.of("metadata.name: Invalid value: \"q\": field is immutable")),
        Arguments.of("uid immutable", "/Pod", POD,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("metadata")).put("uid", "other"),
            List.of("metadata.uid: Invalid value: \"other\": field is immutable")),
        Arguments.of("deployment scale allowed", "apps/Deployment", DEPLOY,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("replicas", 5), List.of()),
        Arguments.of("deployment selector immutable", "apps/Deployment", DEPLOY, (Edit) o -> {
              ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/selector/matchLabels")).put("tier", "fe");
              ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/template/metadata/labels")).put("tier", "fe");
            },
            List.of("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"fe\"}}: field is immutable")),
        Arguments.of("statefulset service name forbidden", "apps/StatefulSet", DEPLOY,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("serviceName", "other"),
            List.of("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                + "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")),
        Arguments.of("statefulset template allowed", "apps/StatefulSet", DEPLOY,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/template/spec/containers/0")).put("image", "x:2"), List.of()),
        Arguments.of("service clusterIP kept when omitted", "/Service", SVC, (Edit) o -> {
              var spec = (com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec");
              spec.remove("clusterIP");
              spec.remove("clusterIPs");
              ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/ports/0")).remove("nodePort");
            }, List.of()),
        Arguments.of("service clusterIP change", "/Service", SVC,
            (Edit) o -> {
              ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("clusterIP", "10.96.0.11");
              ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).putArray("clusterIPs").add("10.96.0.11");
            },
            List.of("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set")),
        // a patch of clusterIP alone leaves the old clusterIPs; upstream follows clusterIP and reports the plural field
        Arguments.of("service clusterIP change without clusterIPs", "/Service", SVC,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("clusterIP", "10.96.0.11"),
            List.of("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set")),
        // switching to a type that does not use a field drops the values the server allocated or defaulted
        Arguments.of("service NodePort to ClusterIP", "/Service", SVC,
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("type", "ClusterIP"), List.of()),
        Arguments.of("service NodePort to ExternalName", "/Service", SVC, (Edit) o -> {
              var spec = (com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec");
              spec.put("type", "ExternalName").put("externalName", "example.com").put("clusterIP", "");
            }, List.of()),
        Arguments.of("service NodePort to ClusterIP with a new node port", "/Service", SVC, (Edit) o -> {
              ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("type", "ClusterIP");
              ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/ports/0")).put("nodePort", 30081);
            }, List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")),
        Arguments.of("secret type immutable", "/Secret", "{metadata: {name: 's', namespace: 'd'}, data: {a: 'YQ=='}}",
            (Edit) o -> o.put("type", "kubernetes.io/basic-auth"),
            List.of("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable")),
        Arguments.of("immutable secret data", "/Secret", "{metadata: {name: 's', namespace: 'd'}, immutable: true, data: {a: 'YQ=='}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("data")).put("a", "Yg=="),
            List.of("data: Forbidden: field is immutable when `immutable` is set")),
        Arguments.of("immutable configmap flag", "/ConfigMap", "{metadata: {name: 'c', namespace: 'd'}, immutable: true, data: {a: 'b'}}",
            (Edit) o -> o.put("immutable", false),
            List.of("immutable: Forbidden: field is immutable when `immutable` is set")),
        Arguments.of("mutable configmap data", "/ConfigMap", "{metadata: {name: 'c', namespace: 'd'}, data: {a: 'b'}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("data")).put("a", "c"), List.of()),
        Arguments.of("job template immutable", "batch/Job",
            "{metadata: {name: 'j', namespace: 'd', uid: 'u'}, spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/template/spec/containers/0")).put("image", "x:2"),
            List.of("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable")),
        Arguments.of("job parallelism mutable", "batch/Job",
            "{metadata: {name: 'j', namespace: 'd', uid: 'u'}, spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("parallelism", 3), List.of()),
        Arguments.of("cronjob keeps an old TZ schedule", "batch/CronJob",
            "{metadata: {name: 'cj', namespace: 'd'}, spec: {schedule: '@daily', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("schedule", "CRON_TZ=UTC @daily"),
            List.of("spec.schedule: Invalid value: \"CRON_TZ=UTC @daily\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
        Arguments.of("pvc expansion allowed", "/PersistentVolumeClaim",
            "{metadata: {name: 'c', namespace: 'd'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.at("/spec/resources/requests")).put("storage", "2Gi"), List.of()),
        Arguments.of("pvc access modes immutable", "/PersistentVolumeClaim",
            "{metadata: {name: 'c', namespace: 'd'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).putArray("accessModes").add("ReadWriteMany"),
            List.of("spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims")),
        Arguments.of("rolebinding roleRef immutable", "rbac.authorization.k8s.io/RoleBinding",
            "{metadata: {name: 'rb', namespace: 'd'}, roleRef: {kind: 'Role', name: 'a'}, subjects: [{kind: 'User', name: 'u'}]}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("roleRef")).put("name", "b"),
            List.of("roleRef: Invalid value: ")),
        Arguments.of("priority class value", "scheduling.k8s.io/PriorityClass", "{metadata: {name: 'high'}, value: 1000}",
            (Edit) o -> o.put("value", 2000), List.of("value: Forbidden: may not be changed in an update.")),
        Arguments.of("storage class parameters", "storage.k8s.io/StorageClass", "{metadata: {name: 'sc'}, provisioner: 'rancher.io/local-path'}",
            (Edit) o -> o.putObject("parameters").put("a", "b"), List.of("parameters: Forbidden: updates to parameters are forbidden.")),
        Arguments.of("ingress class controller", "networking.k8s.io/IngressClass", "{metadata: {name: 'nginx'}, spec: {controller: 'k8s.io/ingress-nginx'}}",
            (Edit) o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("spec")).put("controller", "example.com/other"),
            List.of("spec.controller: Invalid value: \"example.com/other\": field is immutable")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void update(String name, String groupKind, String stored, Edit edit, List<String> expected) {
    var strategy = Fixtures.strategy(groupKind);
    var old = json(stored);
    assertThat(messages(Fixtures.create(groupKind, old))).as("stored object is valid").isEmpty();
    var updated = old.deepCopy();
    edit.apply(updated);
    strategy.applyDefaults(updated);
    strategy.prepareForUpdate(updated, old);
    var actual = messages(strategy.validateUpdate(updated, old));
    if (expected.isEmpty()) {
      assertThat(actual).isEmpty();
    }
    for (String e : expected) {
      assertThat(actual).anySatisfy(m -> assertThat(m).startsWith(e));
    }
  }

  @org.junit.jupiter.api.Test
  void serviceUpdateKeepsAllocatedValues() {
    var strategy = Fixtures.strategy("/Service");
    var old = json(SVC);
    Fixtures.create("/Service", old);
    var updated = json("{metadata: {name: 's', namespace: 'd'}, spec: {type: 'NodePort', ports: [{name: 'http', port: 80}]}}");
    strategy.applyDefaults(updated);
    strategy.prepareForUpdate(updated, old);
    assertThat(updated.at("/spec/clusterIP").asText()).isEqualTo("10.96.0.10");
    assertThat(updated.at("/spec/clusterIPs/0").asText()).isEqualTo("10.96.0.10");
    assertThat(updated.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
  }

  @org.junit.jupiter.api.Test
  void namespaceFinalizersOnlyChangeThroughFinalize() {
    var strategy = Fixtures.strategy("/Namespace");
    var old = json("{metadata: {name: 'n'}}");
    Fixtures.create("/Namespace", old);
    var updated = json("{metadata: {name: 'n'}, spec: {finalizers: []}}");
    strategy.applyDefaults(updated);
    strategy.prepareForUpdate(updated, old);
    assertThat(updated.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
  }

  @org.junit.jupiter.api.Test
  void noNewFinalizersWhileDeleting() {
    var strategy = Fixtures.strategy("/ConfigMap");
    var old = json("{metadata: {name: 'c', namespace: 'd', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['a.io/x']}}");
    var updated = json("{metadata: {name: 'c', namespace: 'd', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['a.io/x', 'b.io/y']}}");
    assertThat(messages(strategy.validateUpdate(updated, old))).containsExactly(
        "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"b.io/y\"}");
  }

  static Stream<Arguments> statusCases() {
    return Stream.of(
        Arguments.of("/Pod", "{metadata: {name: 'p', namespace: 'd'}, status: {phase: 'Running', podIPs: [{ip: '10.0.0.1'}]}}", List.of()),
        Arguments.of("/Pod", "{metadata: {name: 'p', namespace: 'd'}, status: {phase: 'Sleeping'}}",
            List.of("status.phase: Unsupported value: \"Sleeping\"")),
        Arguments.of("/Pod", "{metadata: {name: 'p', namespace: 'd'}, status: {podIPs: [{ip: '10.0.0.1'}, {ip: '10.0.0.1'}]}}",
            List.of("status.podIPs[1].ip: Duplicate value: \"10.0.0.1\"")),
        Arguments.of("apps/Deployment", "{metadata: {name: 'd', namespace: 'd'}, status: {replicas: 1, readyReplicas: 2}}",
            List.of("status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas")),
        Arguments.of("apps/ReplicaSet", "{metadata: {name: 'd', namespace: 'd'}, status: {replicas: -1}}",
            List.of("status.replicas: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("/Namespace", "{metadata: {name: 'n'}, status: {phase: 'Terminating'}}",
            List.of("status.phase: Invalid value: \"Terminating\": A namespace may only be set to terminating if it has a deletionTimestamp")),
        Arguments.of("/ResourceQuota", "{metadata: {name: 'q', namespace: 'd'}, status: {used: {pods: '-1'}}}",
            List.of("status.used[pods]: Invalid value: \"-1\": must be greater than or equal to 0")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("statusCases")
  void statusUpdate(String groupKind, String object, List<String> expected) {
    var updated = json(object);
    var old = updated.deepCopy();
    old.remove("status");
    var actual = messages(Fixtures.strategy(groupKind).validateStatusUpdate(updated, old));
    if (expected.isEmpty()) {
      assertThat(actual).isEmpty();
    }
    for (String e : expected) {
      assertThat(actual).anySatisfy(m -> assertThat(m).startsWith(e));
    }
  }
}
