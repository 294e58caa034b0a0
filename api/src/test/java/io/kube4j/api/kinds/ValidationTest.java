package io.kube4j.api.kinds;

import static io.kube4j.api.kinds.Fixtures.json;
import static io.kube4j.api.kinds.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.api.validation.FieldError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid objects on the create path → upstream's field errors (path, type and message). */
class ValidationTest {

  static final String POD = "{metadata: {name: 'p', namespace: 'default'}, spec: %s}";
  static final String C = "{name: 'c', image: 'nginx'}";

  static String pod(String spec) {
    return POD.formatted(spec);
  }

  static String deployment(String spec) {
    return "{metadata: {name: 'web', namespace: 'default'}, spec: " + spec + "}";
  }

  static final String TEMPLATE = "template: {metadata: {labels: {app: 'web'}}, spec: {containers: [" + C + "]}}";

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("/Pod", pod("{containers: [" + C + "]}")),
        Arguments.of("/Pod", pod("""
            {containers: [{name: 'app', image: 'app:1', ports: [{name: 'http', containerPort: 8080}],
               env: [{name: 'A', value: 'b'}, {name: 'POD', valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}},
                     {name: 'CPU', valueFrom: {resourceFieldRef: {resource: 'limits.cpu'}}},
                     {name: 'S', valueFrom: {secretKeyRef: {name: 's', key: 'k'}}}],
               envFrom: [{configMapRef: {name: 'cm'}, prefix: 'CM_'}],
               volumeMounts: [{name: 'data', mountPath: '/data', subPath: 'x'}],
               resources: {requests: {cpu: '100m', memory: '64Mi'}, limits: {cpu: 1, memory: '128Mi', 'example.com/gpu': 1}},
               livenessProbe: {exec: {command: ['true']}}, readinessProbe: {httpGet: {port: 'http'}, successThreshold: 2}}],
             initContainers: [{name: 'init', image: 'busybox'}],
             volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'pvc'}}],
             nodeSelector: {'kubernetes.io/os': 'linux'},
             tolerations: [{key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 30},
                           {operator: 'Exists'}],
             affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [
                 {matchExpressions: [{key: 'zone', operator: 'In', values: ['a']}]}]}},
                        podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10,
                 podAffinityTerm: {topologyKey: 'kubernetes.io/hostname', labelSelector: {matchLabels: {app: 'x'}}}}]}}}""")),
        Arguments.of("apps/Deployment", deployment("{selector: {matchLabels: {app: 'web'}}, " + TEMPLATE + "}")),
        Arguments.of("apps/ReplicaSet", deployment("{selector: {matchExpressions: [{key: 'app', operator: 'In', values: ['web']}]}, " + TEMPLATE + "}")),
        Arguments.of("apps/StatefulSet", deployment("{serviceName: 'web', selector: {matchLabels: {app: 'web'}}, " + TEMPLATE
            + ", volumeClaimTemplates: [{metadata: {name: 'data'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}]}")),
        Arguments.of("apps/DaemonSet", deployment("{selector: {matchLabels: {app: 'web'}}, " + TEMPLATE + "}")),
        Arguments.of("/ReplicationController", deployment("{" + TEMPLATE + "}")),
        Arguments.of("batch/Job", "{metadata: {name: 'pi', namespace: 'default', uid: 'u1'}, spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}"),
        Arguments.of("batch/CronJob", "{metadata: {name: 'cj', namespace: 'default'}, spec: {schedule: '*/5 * * * *', timeZone: 'Europe/Paris', jobTemplate: {spec: {template: {spec: {restartPolicy: 'OnFailure', containers: [" + C + "]}}}}}}"),
        Arguments.of("/Service", "{metadata: {name: 'web', namespace: 'default'}, spec: {selector: {app: 'web'}, ports: [{name: 'http', port: 80, targetPort: 'http'}, {name: 'https', port: 443}]}}"),
        Arguments.of("/Service", "{metadata: {name: 'web', namespace: 'default'}, spec: {type: 'NodePort', ports: [{port: 80, nodePort: 30080}]}}"),
        Arguments.of("/Service", "{metadata: {name: 'db', namespace: 'default'}, spec: {type: 'ExternalName', externalName: 'db.example.com.'}}"),
        Arguments.of("/Service", "{metadata: {name: 'hl', namespace: 'default'}, spec: {clusterIP: 'None'}}"),
        Arguments.of("/Secret", "{metadata: {name: 's', namespace: 'default'}, type: 'kubernetes.io/tls', data: {'tls.crt': 'YQ==', 'tls.key': 'Yg=='}}"),
        Arguments.of("/Secret", "{metadata: {name: 's', namespace: 'default'}, type: 'kubernetes.io/dockerconfigjson', data: {'.dockerconfigjson': 'e30='}}"),
        Arguments.of("/ConfigMap", "{metadata: {name: 'cm', namespace: 'default'}, data: {'app.properties': 'a=b'}, binaryData: {bin: 'AAE='}}"),
        Arguments.of("/Namespace", "{metadata: {name: 'dev'}}"),
        Arguments.of("/PersistentVolumeClaim", "{metadata: {name: 'c', namespace: 'default'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}"),
        Arguments.of("/PersistentVolume", "{metadata: {name: 'pv'}, spec: {capacity: {storage: '5Gi'}, accessModes: ['ReadWriteOnce'], hostPath: {path: '/d'}}}"),
        Arguments.of("/ServiceAccount", "{metadata: {name: 'default', namespace: 'default'}}"),
        Arguments.of("rbac.authorization.k8s.io/ClusterRole", "{metadata: {name: 'system:controller:x'}}"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valid")
  void validObjectsPass(String groupKind, String object) {
    assertThat(messages(Fixtures.create(groupKind, json(object)))).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        // metadata
        Arguments.of("name required", "/ConfigMap", "{metadata: {namespace: 'default'}}",
            List.of("metadata.name: Required value: name or generateName is required")),
        Arguments.of("namespace required", "/ConfigMap", "{metadata: {name: 'x'}}",
            List.of("metadata.namespace: Required value")),
        Arguments.of("namespace forbidden", "/Namespace", "{metadata: {name: 'x', namespace: 'y'}}",
            List.of("metadata.namespace: Forbidden: not allowed on this type")),
        Arguments.of("bad subdomain name", "/ConfigMap", "{metadata: {name: 'My_Config', namespace: 'default'}}",
            List.of("metadata.name: Invalid value: \"My_Config\": a lowercase RFC 1123 subdomain must consist of lower "
                + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of("bad namespace name", "/Namespace", "{metadata: {name: 'a.b'}}",
            List.of("metadata.name: Invalid value: \"a.b\": must not contain dots")),
        Arguments.of("service name dns1035", "/Service", "{metadata: {name: '1web', namespace: 'default'}, spec: {ports: [{port: 80}]}}",
            List.of("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric "
                + "characters or '-', start with an alphabetic character, and end with an alphanumeric character "
                + "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of("bad label key", "/ConfigMap", "{metadata: {name: 'x', namespace: 'd', labels: {'bad key!': 'v'}}}",
            List.of("metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, "
                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of("bad label value", "/ConfigMap", "{metadata: {name: 'x', namespace: 'd', labels: {a: 'b c'}}}",
            List.of("metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
        Arguments.of("annotations too big", "/ConfigMap",
            "{metadata: {name: 'x', namespace: 'd', annotations: {a: '" + "x".repeat(262144) + "'}}}",
            List.of("metadata.annotations: Too long: may not be more than 262144 bytes")),
        Arguments.of("owner reference fields", "/ConfigMap",
            "{metadata: {name: 'x', namespace: 'd', ownerReferences: [{apiVersion: 'apps/', kind: '', name: '', uid: ''}]}}",
            List.of("metadata.ownerReferences[0].apiVersion: Invalid value: \"apps/\": version must not be empty",
                "metadata.ownerReferences[0].kind: Invalid value: \"\": kind must not be empty",
                "metadata.ownerReferences[0].name: Invalid value: \"\": name must not be empty",
                "metadata.ownerReferences[0].uid: Invalid value: \"\": uid must not be empty")),
        Arguments.of("two controllers", "/ConfigMap",
            "{metadata: {name: 'x', namespace: 'd', ownerReferences: [{apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true}, {apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true}]}}",
            List.of("metadata.ownerReferences: Invalid value: [{\"apiVersion\":\"v1\",\"kind\":\"A\"",
                "~: Only one reference can have Controller set to true. Found \"true\" in references for A/a and B/b")),
        Arguments.of("bad finalizer", "/ConfigMap", "{metadata: {name: 'x', namespace: 'd', finalizers: ['a/b/c']}}",
            List.of("metadata.finalizers: Invalid value: \"a/b/c\": a qualified name must consist of")),
        // pods
        Arguments.of("containers required", "/Pod", pod("{}"), List.of("spec.containers: Required value")),
        Arguments.of("image required", "/Pod", pod("{containers: [{name: 'c'}]}"), List.of("spec.containers[0].image: Required value")),
        Arguments.of("container name required", "/Pod", pod("{containers: [{image: 'x'}]}"), List.of("spec.containers[0].name: Required value")),
        Arguments.of("container name dns label", "/Pod", pod("{containers: [{name: 'My_C', image: 'x'}]}"),
            List.of("spec.containers[0].name: Invalid value: \"My_C\": a lowercase RFC 1123 label must consist of lower "
                + "case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                + "'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of("duplicate container names", "/Pod", pod("{initContainers: [" + C + "], containers: [" + C + "]}"),
            List.of("spec.containers[0].name: Duplicate value: \"c\"")),
        Arguments.of("restart policy", "/Pod", pod("{restartPolicy: 'Sometimes', containers: [" + C + "]}"),
            List.of("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"")),
        Arguments.of("dns policy", "/Pod", pod("{dnsPolicy: 'Custom', containers: [" + C + "]}"),
            List.of("spec.dnsPolicy: Unsupported value: \"Custom\": supported values: \"ClusterFirst\", \"ClusterFirstWithHostNet\", \"Default\", \"None\"")),
        Arguments.of("dns none needs config", "/Pod", pod("{dnsPolicy: 'None', containers: [" + C + "]}"),
            List.of("spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None")),
        Arguments.of("container port range", "/Pod", pod("{containers: [{name: 'c', image: 'x', ports: [{containerPort: 70000}]}]}"),
            List.of("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")),
        Arguments.of("container port required", "/Pod", pod("{containers: [{name: 'c', image: 'x', ports: [{name: 'http'}]}]}"),
            List.of("spec.containers[0].ports[0].containerPort: Required value")),
        Arguments.of("port protocol", "/Pod", pod("{containers: [{name: 'c', image: 'x', ports: [{containerPort: 80, protocol: 'HTTP'}]}]}"),
            List.of("spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
        Arguments.of("port name iana", "/Pod", pod("{containers: [{name: 'c', image: 'x', ports: [{name: 'very-long-port-name', containerPort: 80}]}]}"),
            List.of("spec.containers[0].ports[0].name: Invalid value: \"very-long-port-name\": must be no more than 15 characters")),
        Arguments.of("duplicate port names", "/Pod", pod("{containers: [{name: 'c', image: 'x', ports: [{name: 'p', containerPort: 80}, {name: 'p', containerPort: 81}]}]}"),
            List.of("spec.containers[0].ports[1].name: Duplicate value: \"p\"")),
        Arguments.of("env name required", "/Pod", pod("{containers: [{name: 'c', image: 'x', env: [{value: 'v'}]}]}"),
            List.of("spec.containers[0].env[0].name: Required value")),
        Arguments.of("env name with equals", "/Pod", pod("{containers: [{name: 'c', image: 'x', env: [{name: 'A=B'}]}]}"),
            List.of("spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='")),
        Arguments.of("env value and valueFrom", "/Pod", pod("{containers: [{name: 'c', image: 'x', env: [{name: 'A', value: 'v', valueFrom: {fieldRef: {fieldPath: 'metadata.name'}}}]}]}"),
            List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty")),
        Arguments.of("env two sources", "/Pod", pod("{containers: [{name: 'c', image: 'x', env: [{name: 'A', valueFrom: {fieldRef: {fieldPath: 'metadata.name'}, secretKeyRef: {name: 's', key: 'k'}}}]}]}"),
            List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field specified at a time")),
        Arguments.of("env field path", "/Pod", pod("{containers: [{name: 'c', image: 'x', env: [{name: 'A', valueFrom: {fieldRef: {fieldPath: 'spec.host'}}}]}]}"),
            List.of("spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.host\"")),
        Arguments.of("env secret key", "/Pod", pod("{containers: [{name: 'c', image: 'x', env: [{name: 'A', valueFrom: {secretKeyRef: {name: 's'}}}]}]}"),
            List.of("spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value")),
        Arguments.of("volume mount not found", "/Pod", pod("{containers: [{name: 'c', image: 'x', volumeMounts: [{name: 'data', mountPath: '/d'}]}]}"),
            List.of("spec.containers[0].volumeMounts[0].name: Not found: \"data\"")),
        Arguments.of("volume mount path unique", "/Pod", pod("{volumes: [{name: 'a'}, {name: 'b'}], containers: [{name: 'c', image: 'x', volumeMounts: [{name: 'a', mountPath: '/d'}, {name: 'b', mountPath: '/d'}]}]}"),
            List.of("spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/d\": must be unique")),
        Arguments.of("subpath dotdot", "/Pod", pod("{volumes: [{name: 'a'}], containers: [{name: 'c', image: 'x', volumeMounts: [{name: 'a', mountPath: '/d', subPath: '../etc'}]}]}"),
            List.of("spec.containers[0].volumeMounts[0].subPath: Invalid value: \"../etc\": must not contain '..'")),
        Arguments.of("requests above limits", "/Pod", pod("{containers: [{name: 'c', image: 'x', resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}}]}"),
            List.of("spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1")),
        Arguments.of("negative memory", "/Pod", pod("{containers: [{name: 'c', image: 'x', resources: {limits: {memory: '-1Mi'}}}]}"),
            List.of("spec.containers[0].resources.limits[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0")),
        Arguments.of("bad quantity", "/Pod", pod("{containers: [{name: 'c', image: 'x', resources: {limits: {memory: '1GB'}}}]}"),
            List.of("spec.containers[0].resources.limits[memory]: Invalid value: \"1GB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
        Arguments.of("unknown resource", "/Pod", pod("{containers: [{name: 'c', image: 'x', resources: {limits: {gpu: '1'}}}]}"),
            List.of("spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers")),
        Arguments.of("extended resource requires limit", "/Pod", pod("{containers: [{name: 'c', image: 'x', resources: {requests: {'example.com/gpu': '1'}}}]}"),
            List.of("spec.containers[0].resources.requests[example.com/gpu]: Forbidden: Limit must be set for non overcommitable resources")),
        Arguments.of("probe without handler", "/Pod", pod("{containers: [{name: 'c', image: 'x', livenessProbe: {periodSeconds: 3}}]}"),
            List.of("spec.containers[0].livenessProbe: Required value: must specify a handler type")),
        Arguments.of("liveness success threshold", "/Pod", pod("{containers: [{name: 'c', image: 'x', livenessProbe: {tcpSocket: {port: 80}, successThreshold: 3}}]}"),
            List.of("spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1")),
        Arguments.of("probe port", "/Pod", pod("{containers: [{name: 'c', image: 'x', readinessProbe: {httpGet: {port: 0}}}]}"),
            List.of("spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive")),
        Arguments.of("volume without source", "/Pod", pod("{volumes: [{name: 'v', emptyDir: null}], containers: [" + C + "]}"),
            List.of()),
        Arguments.of("volume two sources", "/Pod", pod("{volumes: [{name: 'v', emptyDir: {}, hostPath: {path: '/x'}}], containers: [" + C + "]}"),
            List.of("spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type")),
        Arguments.of("duplicate volumes", "/Pod", pod("{volumes: [{name: 'v'}, {name: 'v'}], containers: [" + C + "]}"),
            List.of("spec.volumes[1].name: Duplicate value: \"v\"")),
        Arguments.of("configmap volume name", "/Pod", pod("{volumes: [{name: 'v', configMap: {}}], containers: [" + C + "]}"),
            List.of("spec.volumes[0].configMap.name: Required value")),
        Arguments.of("secret volume mode", "/Pod", pod("{volumes: [{name: 'v', secret: {secretName: 's', defaultMode: 1000}}], containers: [" + C + "]}"),
            List.of("spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive")),
        Arguments.of("node selector", "/Pod", pod("{nodeSelector: {'a b': 'c'}, containers: [" + C + "]}"),
            List.of("spec.nodeSelector: Invalid value: \"a b\": name part must consist of")),
        Arguments.of("toleration exists with value", "/Pod", pod("{tolerations: [{key: 'k', operator: 'Exists', value: 'v'}], containers: [" + C + "]}"),
            List.of("spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'")),
        Arguments.of("toleration empty key", "/Pod", pod("{tolerations: [{operator: 'Equal', value: 'v'}], containers: [" + C + "]}"),
            List.of("spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"")),
        Arguments.of("toleration seconds", "/Pod", pod("{tolerations: [{key: 'k', effect: 'NoSchedule', tolerationSeconds: 5}], containers: [" + C + "]}"),
            List.of("spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set")),
        Arguments.of("toleration effect", "/Pod", pod("{tolerations: [{key: 'k', effect: 'Never'}], containers: [" + C + "]}"),
            List.of("spec.tolerations[0].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")),
        Arguments.of("affinity empty terms", "/Pod", pod("{affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}, containers: [" + C + "]}"),
            List.of("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term")),
        Arguments.of("anti affinity topology key", "/Pod", pod("{affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {}}]}}, containers: [" + C + "]}"),
            List.of("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty")),
        Arguments.of("active deadline", "/Pod", pod("{activeDeadlineSeconds: 0, containers: [" + C + "]}"),
            List.of("spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive")),
        Arguments.of("host network ports", "/Pod", pod("{hostNetwork: true, containers: [{name: 'c', image: 'x', ports: [{containerPort: 80, hostPort: 81}]}]}"),
            List.of("spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true")),
        Arguments.of("image whitespace", "/Pod", pod("{containers: [{name: 'c', image: ' nginx'}]}"),
            List.of("spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace")),
        Arguments.of("negative run as user", "/Pod", pod("{securityContext: {runAsUser: -1}, containers: [" + C + "]}"),
            List.of("spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive")),
        Arguments.of("privileged without escalation", "/Pod",
            pod("{containers: [{name: 'c', image: 'x', securityContext: {privileged: true, allowPrivilegeEscalation: false}}]}"),
            List.of("spec.containers[0].securityContext: Invalid value: ", "~cannot set `allowPrivilegeEscalation` to false and `privileged` to true")),
        // workloads
        Arguments.of("deployment selector required", "apps/Deployment", deployment("{" + TEMPLATE + "}"),
            List.of("spec.selector: Required value")),
        Arguments.of("deployment selector mismatch", "apps/Deployment", deployment("{selector: {matchLabels: {app: 'other'}}, " + TEMPLATE + "}"),
            List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`")),
        Arguments.of("deployment empty selector", "apps/Deployment", deployment("{selector: {}, " + TEMPLATE + "}"),
            List.of("spec.selector: Invalid value: {}: empty selector is invalid for deployment")),
        Arguments.of("deployment negative replicas", "apps/Deployment", deployment("{replicas: -1, selector: {matchLabels: {app: 'web'}}, " + TEMPLATE + "}"),
            List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("deployment restart policy", "apps/Deployment",
            deployment("{selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {restartPolicy: 'OnFailure', containers: [" + C + "]}}}"),
            List.of("spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"")),
        Arguments.of("deployment both budgets zero", "apps/Deployment",
            deployment("{selector: {matchLabels: {app: 'web'}}, strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: '0%'}}, " + TEMPLATE + "}"),
            List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0")),
        Arguments.of("deployment budget over 100%", "apps/Deployment",
            deployment("{selector: {matchLabels: {app: 'web'}}, strategy: {rollingUpdate: {maxUnavailable: '150%'}}, " + TEMPLATE + "}"),
            List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%")),
        Arguments.of("deployment bad percent", "apps/Deployment",
            deployment("{selector: {matchLabels: {app: 'web'}}, strategy: {rollingUpdate: {maxSurge: 'ten'}}, " + TEMPLATE + "}"),
            List.of("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"ten\": a valid percent string must be a numeric string followed by an ending '%'")),
        Arguments.of("deployment recreate with rolling", "apps/Deployment",
            deployment("{selector: {matchLabels: {app: 'web'}}, strategy: {type: 'Recreate', rollingUpdate: {}}, " + TEMPLATE + "}"),
            List.of("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'")),
        Arguments.of("deployment progress deadline", "apps/Deployment",
            deployment("{selector: {matchLabels: {app: 'web'}}, minReadySeconds: 10, progressDeadlineSeconds: 5, " + TEMPLATE + "}"),
            List.of("spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds")),
        Arguments.of("selector operator", "apps/ReplicaSet",
            deployment("{selector: {matchExpressions: [{key: 'app', operator: 'Like', values: ['web']}]}, " + TEMPLATE + "}"),
            List.of("spec.selector.matchExpressions[0].operator: Invalid value: \"Like\": not a valid selector operator")),
        Arguments.of("selector In without values", "apps/ReplicaSet",
            deployment("{selector: {matchExpressions: [{key: 'app', operator: 'In'}]}, " + TEMPLATE + "}"),
            List.of("spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")),
        Arguments.of("selector Exists with values", "apps/ReplicaSet",
            deployment("{selector: {matchExpressions: [{key: 'app', operator: 'Exists', values: ['x']}]}, " + TEMPLATE + "}"),
            List.of("spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")),
        Arguments.of("replicaset deadline", "apps/ReplicaSet",
            deployment("{selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {activeDeadlineSeconds: 5, containers: [" + C + "]}}}"),
            List.of("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported")),
        Arguments.of("statefulset policy", "apps/StatefulSet",
            deployment("{podManagementPolicy: 'Random', selector: {matchLabels: {app: 'web'}}, " + TEMPLATE + "}"),
            List.of("spec.podManagementPolicy: Unsupported value: \"Random\": supported values: \"OrderedReady\", \"Parallel\"")),
        Arguments.of("statefulset claim without storage", "apps/StatefulSet",
            deployment("{selector: {matchLabels: {app: 'web'}}, " + TEMPLATE + ", volumeClaimTemplates: [{metadata: {name: 'd'}, spec: {accessModes: ['ReadWriteOnce']}}]}"),
            List.of("spec.volumeClaimTemplates[0].spec.resources[storage]: Required value")),
        Arguments.of("daemonset surge and unavailable", "apps/DaemonSet",
            deployment("{selector: {matchLabels: {app: 'web'}}, updateStrategy: {rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}, " + TEMPLATE + "}"),
            List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero")),
        Arguments.of("rc selector mismatch", "/ReplicationController",
            deployment("{selector: {app: 'x'}, " + TEMPLATE + "}"),
            List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`")),
        // jobs
        Arguments.of("job restart always", "batch/Job",
            "{metadata: {name: 'j', namespace: 'd', uid: 'u'}, spec: {template: {spec: {restartPolicy: 'Always', containers: [" + C + "]}}}}",
            List.of("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"")),
        Arguments.of("job default restart policy is Always", "batch/Job",
            "{metadata: {name: 'j', namespace: 'd', uid: 'u'}, spec: {template: {spec: {containers: [" + C + "]}}}}",
            List.of("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"")),
        Arguments.of("job negative backoff", "batch/Job",
            "{metadata: {name: 'j', namespace: 'd', uid: 'u'}, spec: {backoffLimit: -1, template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}",
            List.of("spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("job indexed needs completions", "batch/Job",
            "{metadata: {name: 'j', namespace: 'd', uid: 'u'}, spec: {parallelism: 2, completionMode: 'Indexed', template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}",
            List.of("spec.completions: Required value: when completion mode is Indexed")),
        Arguments.of("job name too long for label", "batch/Job",
            "{metadata: {name: '" + "j".repeat(64) + "', namespace: 'd', uid: 'u'}, spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}",
            List.of("spec.template.metadata.labels: Invalid value: \"" + "j".repeat(64) + "\": must be no more than 63 characters")),
        Arguments.of("cronjob schedule required", "batch/CronJob",
            "{metadata: {name: 'cj', namespace: 'd'}, spec: {jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}}}",
            List.of("spec.schedule: Required value")),
        Arguments.of("cronjob bad schedule", "batch/CronJob",
            "{metadata: {name: 'cj', namespace: 'd'}, spec: {schedule: '* * *', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}}}",
            List.of("spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]")),
        Arguments.of("cronjob TZ in schedule", "batch/CronJob",
            "{metadata: {name: 'cj', namespace: 'd'}, spec: {schedule: 'TZ=UTC 0 * * * *', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}}}",
            List.of("spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
        Arguments.of("cronjob unknown zone", "batch/CronJob",
            "{metadata: {name: 'cj', namespace: 'd'}, spec: {schedule: '@daily', timeZone: 'Mars/Olympus', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}}}",
            List.of("spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus")),
        Arguments.of("cronjob concurrency", "batch/CronJob",
            "{metadata: {name: 'cj', namespace: 'd'}, spec: {schedule: '@daily', concurrencyPolicy: 'Sometimes', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}}}",
            List.of("spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"")),
        Arguments.of("cronjob name length", "batch/CronJob",
            "{metadata: {name: '" + "c".repeat(53) + "', namespace: 'd'}, spec: {schedule: '@daily', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [" + C + "]}}}}}}",
            List.of("metadata.name: Invalid value: \"" + "c".repeat(53) + "\": must be no more than 52 characters")),
        Arguments.of("cronjob template restart policy", "batch/CronJob",
            "{metadata: {name: 'cj', namespace: 'd'}, spec: {schedule: '@daily', jobTemplate: {spec: {template: {spec: {containers: [" + C + "]}}}}}}",
            List.of("spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"")),
        // services
        Arguments.of("service ports required", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {}}",
            List.of("spec.ports: Required value")),
        Arguments.of("service port names required", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {ports: [{port: 80}, {port: 443}]}}",
            List.of("spec.ports[0].name: Required value", "spec.ports[1].name: Required value")),
        Arguments.of("service duplicate port names", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {ports: [{name: 'a', port: 80}, {name: 'a', port: 443}]}}",
            List.of("spec.ports[1].name: Duplicate value: \"a\"")),
        Arguments.of("service port range", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {ports: [{port: 0}]}}",
            List.of("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive")),
        Arguments.of("service node port range", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {type: 'NodePort', ports: [{port: 80, nodePort: 80}]}}",
            List.of("spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767")),
        Arguments.of("service node port on clusterip", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {ports: [{port: 80, nodePort: 30001}]}}",
            List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")),
        Arguments.of("service external name required", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {type: 'ExternalName'}}",
            List.of("spec.externalName: Required value")),
        Arguments.of("service type", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {type: 'Internal', ports: [{port: 80}]}}",
            List.of("spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
        Arguments.of("service cluster ip", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {clusterIP: '10.0.0.300', ports: [{port: 80}]}}",
            List.of("spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        Arguments.of("service target port name", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {ports: [{port: 80, targetPort: 'HTTP'}]}}",
            List.of("spec.ports[0].targetPort: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
        Arguments.of("service external traffic policy on clusterip", "/Service", "{metadata: {name: 's', namespace: 'd'}, spec: {externalTrafficPolicy: 'Local', ports: [{port: 80}]}}",
            List.of("spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set when `type` is 'NodePort' or 'LoadBalancer'")),
        // secrets and configmaps
        Arguments.of("secret key", "/Secret", "{metadata: {name: 's', namespace: 'd'}, data: {'bad key': 'YQ=='}}",
            List.of("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")),
        Arguments.of("secret tls keys", "/Secret", "{metadata: {name: 's', namespace: 'd'}, type: 'kubernetes.io/tls', data: {}}",
            List.of("data[tls.key]: Required value", "data[tls.crt]: Required value")),
        Arguments.of("secret docker json", "/Secret", "{metadata: {name: 's', namespace: 'd'}, type: 'kubernetes.io/dockerconfigjson', data: {'.dockerconfigjson': 'bm90IGpzb24='}}",
            List.of("data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\"")),
        Arguments.of("secret docker json missing", "/Secret", "{metadata: {name: 's', namespace: 'd'}, type: 'kubernetes.io/dockerconfigjson'}",
            List.of("data[.dockerconfigjson]: Required value")),
        Arguments.of("secret sa token annotation", "/Secret", "{metadata: {name: 's', namespace: 'd'}, type: 'kubernetes.io/service-account-token'}",
            List.of("metadata.annotations[kubernetes.io/service-account.name]: Required value")),
        Arguments.of("secret basic auth", "/Secret", "{metadata: {name: 's', namespace: 'd'}, type: 'kubernetes.io/basic-auth'}",
            List.of("data[username]: Required value", "data[password]: Required value")),
        Arguments.of("secret ssh auth", "/Secret", "{metadata: {name: 's', namespace: 'd'}, type: 'kubernetes.io/ssh-auth'}",
            List.of("data[ssh-privatekey]: Required value")),
        Arguments.of("secret too big", "/Secret",
            "{metadata: {name: 's', namespace: 'd'}, data: {a: '" + java.util.Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]) + "'}}",
            List.of("data: Too long: may not be more than 1048576 bytes")),
        Arguments.of("configmap overlap", "/ConfigMap", "{metadata: {name: 'c', namespace: 'd'}, data: {k: 'v'}, binaryData: {k: 'AA=='}}",
            List.of("data[k]: Invalid value: \"k\": duplicate of key present in binaryData")),
        Arguments.of("configmap key dots", "/ConfigMap", "{metadata: {name: 'c', namespace: 'd'}, data: {'..x': 'v'}}",
            List.of("data[..x]: Invalid value: \"..x\": must not start with '..'")),
        Arguments.of("namespace finalizer", "/Namespace", "{metadata: {name: 'n'}, spec: {finalizers: ['custom']}}",
            List.of("spec.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified")),
        // storage
        Arguments.of("pvc access modes", "/PersistentVolumeClaim", "{metadata: {name: 'c', namespace: 'd'}, spec: {resources: {requests: {storage: '1Gi'}}}}",
            List.of("spec.accessModes: Required value: at least 1 access mode is required")),
        Arguments.of("pvc storage", "/PersistentVolumeClaim", "{metadata: {name: 'c', namespace: 'd'}, spec: {accessModes: ['ReadWriteOnce']}}",
            List.of("spec.resources[storage]: Required value")),
        Arguments.of("pvc access mode value", "/PersistentVolumeClaim", "{metadata: {name: 'c', namespace: 'd'}, spec: {accessModes: ['RWO'], resources: {requests: {storage: '1Gi'}}}}",
            List.of("spec.accessModes: Unsupported value: \"RWO\"")),
        Arguments.of("pv source required", "/PersistentVolume", "{metadata: {name: 'pv'}, spec: {capacity: {storage: '1Gi'}, accessModes: ['ReadWriteOnce']}}",
            List.of("spec: Required value: must specify a volume type")),
        Arguments.of("pv reclaim policy", "/PersistentVolume", "{metadata: {name: 'pv'}, spec: {capacity: {storage: '1Gi'}, accessModes: ['ReadWriteOnce'], hostPath: {path: '/x'}, persistentVolumeReclaimPolicy: 'Keep'}}",
            List.of("spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\"")),
        Arguments.of("rbac name segment", "rbac.authorization.k8s.io/ClusterRole", "{metadata: {name: 'a/b'}}",
            List.of("metadata.name: Invalid value: \"a/b\": may not contain '/'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidObjectsFail(String name, String groupKind, String object, List<String> expected) {
    var actual = messages(Fixtures.create(groupKind, json(object)));
    if (expected.isEmpty()) {
      assertThat(actual).isEmpty();
    }
    for (String e : expected) {
      // "~text" means the message contains text (for parts after a long rendered value).
      assertThat(actual).anySatisfy(m -> {
        if (e.startsWith("~")) {
          assertThat(m).contains(e.substring(1));
        } else {
          assertThat(m).startsWith(e);
        }
      });
    }
  }

  @org.junit.jupiter.api.Test
  void errorReasonsFollowTheirType() {
    var errs = Fixtures.create("/Pod", json(pod("{restartPolicy: 'x', containers: [{name: 'c'}], volumes: [{name: 'v'}, {name: 'v'}]}")));
    assertThat(errs).extracting(FieldError::field, e -> e.type().reason()).contains(
        org.assertj.core.groups.Tuple.tuple("spec.containers[0].image", "FieldValueRequired"),
        org.assertj.core.groups.Tuple.tuple("spec.restartPolicy", "FieldValueNotSupported"),
        org.assertj.core.groups.Tuple.tuple("spec.volumes[1].name", "FieldValueDuplicate"));
  }
}
