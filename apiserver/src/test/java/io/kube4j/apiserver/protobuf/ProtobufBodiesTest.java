package io.kube4j.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.machinery.errors.ApiException;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Node;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V2Autoscaling;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProtobufBodiesTest {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

  /** Sends {@code message} the way client-go does: magic, then a runtime.Unknown holding it. */
  static byte[] envelope(String apiVersion, String kind, Message message) {
    return envelope(apiVersion, kind, message.toByteString());
  }

  static byte[] envelope(String apiVersion, String kind, ByteString raw) {
    var unknown = Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(raw)
        .build();
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(unknown.toByteArray());
    return out.toByteArray();
  }

  static JsonNode json(String literal) {
    try {
      return JSON.readTree(literal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Meta.ObjectMeta.Builder meta(String name) {
    return Meta.ObjectMeta.newBuilder().setName(name);
  }

  private static Quantity quantity(String text) {
    return Quantity.newBuilder().setString(text).build();
  }

  private static IntOrString port(int number) {
    return IntOrString.newBuilder().setType(0).setIntVal(number).build();
  }

  private static IntOrString port(String name) {
    return IntOrString.newBuilder().setType(1).setStrVal(name).build();
  }

  private static Meta.Time time(long seconds) {
    return Meta.Time.newBuilder().setSeconds(seconds).build();
  }

  record Case(String name, GroupVersionKind kind, Message message, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> objects() {
    var probe = V1.Probe.newBuilder()
        .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz").setPort(port("http")).setScheme("HTTP")))
        .setInitialDelaySeconds(5).setPeriodSeconds(10).setTimeoutSeconds(1).setSuccessThreshold(1).setFailureThreshold(3);
    var container = V1.Container.newBuilder()
        .setName("web").setImage("nginx:1.27").addArgs("--verbose")
        .addPorts(V1.ContainerPort.newBuilder().setName("http").setContainerPort(80).setProtocol("TCP"))
        .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValue("prod"))
        .addEnv(V1.EnvVar.newBuilder().setName("PASSWORD").setValueFrom(V1.EnvVarSource.newBuilder()
            .setSecretKeyRef(V1.SecretKeySelector.newBuilder().setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("creds")).setKey("pw").setOptional(false))))
        .addEnv(V1.EnvVar.newBuilder().setName("POD").setValueFrom(V1.EnvVarSource.newBuilder()
            .setFieldRef(V1.ObjectFieldSelector.newBuilder().setApiVersion("v1").setFieldPath("metadata.name"))))
        .setResources(V1.ResourceRequirements.newBuilder()
            .putLimits("cpu", quantity("500m")).putLimits("memory", quantity("128Mi"))
            .putRequests("cpu", quantity("250m")))
        .addVolumeMounts(V1.VolumeMount.newBuilder().setName("data").setMountPath("/data").setReadOnly(true))
        .setLivenessProbe(probe).setReadinessProbe(probe)
        .setImagePullPolicy("IfNotPresent")
        // go-to-protobuf writes non-pointer scalars even when zero; Go's JSON leaves these out.
        .setStdin(false).setTty(false).setWorkingDir("").setTerminationMessagePath("/dev/termination-log")
        .setSecurityContext(V1.SecurityContext.newBuilder().setRunAsUser(0).setRunAsNonRoot(false).setAllowPrivilegeEscalation(false));
    var podSpec = V1.PodSpec.newBuilder()
        .addContainers(container)
        .addVolumes(V1.Volume.newBuilder().setName("data").setVolumeSource(V1.VolumeSource.newBuilder()
            .setEmptyDir(V1.EmptyDirVolumeSource.newBuilder().setSizeLimit(quantity("1Gi")))))
        .addVolumes(V1.Volume.newBuilder().setName("config").setVolumeSource(V1.VolumeSource.newBuilder()
            .setConfigMap(V1.ConfigMapVolumeSource.newBuilder().setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("app-config")).setDefaultMode(420))))
        .setRestartPolicy("Always").setTerminationGracePeriodSeconds(30).setDnsPolicy("ClusterFirst")
        .setHostNetwork(false).setServiceAccountName("")
        .putNodeSelector("kubernetes.io/os", "linux")
        .setAffinity(V1.Affinity.newBuilder().setNodeAffinity(V1.NodeAffinity.newBuilder()
            .setRequiredDuringSchedulingIgnoredDuringExecution(V1.NodeSelector.newBuilder().addNodeSelectorTerms(V1.NodeSelectorTerm.newBuilder()
                .addMatchExpressions(V1.NodeSelectorRequirement.newBuilder().setKey("zone").setOperator("In").addValues("a").addValues("b"))))))
        .addTolerations(V1.Toleration.newBuilder().setKey("node.kubernetes.io/not-ready").setOperator("Exists").setEffect("NoExecute").setTolerationSeconds(300))
        .addTolerations(V1.Toleration.newBuilder().setKey("dedicated").setOperator("Equal").setValue("web").setEffect("NoSchedule"));
    var deployment = V1Apps.Deployment.newBuilder()
        .setMetadata(meta("web").setNamespace("").setGeneration(0).setCreationTimestamp(Meta.Time.getDefaultInstance())
            .putLabels("app", "web").putAnnotations("note", ""))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setReplicas(0).setRevisionHistoryLimit(10).setPaused(false).setMinReadySeconds(0)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
            .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder().setMaxSurge(port("25%")).setMaxUnavailable(port(0))))
            .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(meta("").putLabels("app", "web")).setSpec(podSpec)))
        .setStatus(V1Apps.DeploymentStatus.newBuilder())
        .build();

    return Stream.of(
        new Case("Deployment with a full pod template", new GroupVersionKind("apps", "v1", "Deployment"), deployment, """
            {apiVersion: 'apps/v1', kind: 'Deployment',
             metadata: {name: 'web', creationTimestamp: null, labels: {app: 'web'}, annotations: {note: ''}},
             spec: {replicas: 0, revisionHistoryLimit: 10,
               selector: {matchLabels: {app: 'web'}},
               strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: 0}},
               template: {metadata: {labels: {app: 'web'}},
                 spec: {
                   containers: [{name: 'web', image: 'nginx:1.27', args: ['--verbose'],
                     ports: [{name: 'http', containerPort: 80, protocol: 'TCP'}],
                     env: [{name: 'MODE', value: 'prod'},
                           {name: 'PASSWORD', valueFrom: {secretKeyRef: {name: 'creds', key: 'pw', optional: false}}},
                           {name: 'POD', valueFrom: {fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.name'}}}],
                     resources: {limits: {cpu: '500m', memory: '128Mi'}, requests: {cpu: '250m'}},
                     volumeMounts: [{name: 'data', mountPath: '/data', readOnly: true}],
                     livenessProbe: {httpGet: {path: '/healthz', port: 'http', scheme: 'HTTP'},
                       initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3},
                     readinessProbe: {httpGet: {path: '/healthz', port: 'http', scheme: 'HTTP'},
                       initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3},
                     terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent',
                     securityContext: {runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false}}],
                   volumes: [{name: 'data', emptyDir: {sizeLimit: '1Gi'}},
                             {name: 'config', configMap: {name: 'app-config', defaultMode: 420}}],
                   restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst',
                   nodeSelector: {'kubernetes.io/os': 'linux'},
                   affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [
                     {matchExpressions: [{key: 'zone', operator: 'In', values: ['a', 'b']}]}]}}},
                   tolerations: [
                     {key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
                     {key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule'}]}}},
             status: {}}
            """),
        new Case("NodePort Service with int-or-string target ports", new GroupVersionKind("", "v1", "Service"), V1.Service.newBuilder()
            .setMetadata(meta("web").setNamespace("shop"))
            .setSpec(V1.ServiceSpec.newBuilder().setType("NodePort").putSelector("app", "web").setClusterIP("")
                .addPorts(V1.ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80).setTargetPort(port("http")).setNodePort(30080))
                .addPorts(V1.ServicePort.newBuilder().setName("metrics").setProtocol("TCP").setPort(9090).setTargetPort(port(9091)).setNodePort(0))
                .setExternalTrafficPolicy("Cluster"))
            .build(), """
            {apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'shop'},
             spec: {type: 'NodePort', selector: {app: 'web'}, externalTrafficPolicy: 'Cluster',
               ports: [{name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080},
                       {name: 'metrics', protocol: 'TCP', port: 9090, targetPort: 9091}]}}
            """),
        new Case("Secret data as base64", new GroupVersionKind("", "v1", "Secret"), V1.Secret.newBuilder()
            .setMetadata(meta("creds"))
            .putData("pw", ByteString.copyFromUtf8("s3cr3t")).putData("empty", ByteString.EMPTY)
            .putData("binary", ByteString.copyFrom(new byte[] {0, -1, 10}))
            .setType("Opaque").setImmutable(false)
            .build(), """
            {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'creds'}, type: 'Opaque', immutable: false,
             data: {pw: 'czNjcjN0', empty: '', binary: 'AP8K'}}
            """),
        new Case("ConfigMap data and binaryData", new GroupVersionKind("", "v1", "ConfigMap"), V1.ConfigMap.newBuilder()
            .setMetadata(meta("cfg"))
            .putData("app.properties", "a=b\n").putData("blank", "")
            .putBinaryData("logo.png", ByteString.copyFrom("PNG".getBytes(StandardCharsets.US_ASCII)))
            .build(), """
            {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cfg'},
             data: {'app.properties': 'a=b\\n', blank: ''}, binaryData: {'logo.png': 'UE5H'}}
            """),
        new Case("Namespace", new GroupVersionKind("", "v1", "Namespace"), V1.Namespace.newBuilder()
            .setMetadata(meta("team-a").putLabels("team", "a"))
            .setSpec(V1.NamespaceSpec.getDefaultInstance())
            .setStatus(V1.NamespaceStatus.getDefaultInstance())
            .build(), """
            {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'team-a', labels: {team: 'a'}}, spec: {}, status: {}}
            """),
        new Case("Job with completions and a zero backoff limit", new GroupVersionKind("batch", "v1", "Job"), V1Batch.Job.newBuilder()
            .setMetadata(meta("pi"))
            .setSpec(V1Batch.JobSpec.newBuilder().setCompletions(5).setParallelism(2).setBackoffLimit(0).setCompletionMode("NonIndexed")
                .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(V1.PodSpec.newBuilder().setRestartPolicy("Never")
                    .addContainers(V1.Container.newBuilder().setName("pi").setImage("perl").addCommand("perl").addCommand("-e").addCommand("print 1")))))
            .build(), """
            {apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'pi'},
             spec: {completions: 5, parallelism: 2, backoffLimit: 0, completionMode: 'NonIndexed',
               template: {spec: {restartPolicy: 'Never', containers: [{name: 'pi', image: 'perl', command: ['perl', '-e', 'print 1']}]}}}}
            """),
        new Case("CronJob", new GroupVersionKind("batch", "v1", "CronJob"), V1Batch.CronJob.newBuilder()
            .setMetadata(meta("nightly"))
            .setSpec(V1Batch.CronJobSpec.newBuilder().setSchedule("0 3 * * *").setTimeZone("Etc/UTC").setSuspend(false)
                .setConcurrencyPolicy("Forbid").setSuccessfulJobsHistoryLimit(0)
                .setJobTemplate(V1Batch.JobTemplateSpec.newBuilder().setMetadata(meta("")).setSpec(V1Batch.JobSpec.newBuilder()
                    .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(V1.PodSpec.newBuilder().setRestartPolicy("OnFailure")
                        .addContainers(V1.Container.newBuilder().setName("backup").setImage("busybox")))))))
            .build(), """
            {apiVersion: 'batch/v1', kind: 'CronJob', metadata: {name: 'nightly'},
             spec: {schedule: '0 3 * * *', timeZone: 'Etc/UTC', suspend: false, concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 0,
               jobTemplate: {metadata: {}, spec: {template: {spec: {restartPolicy: 'OnFailure', containers: [{name: 'backup', image: 'busybox'}]}}}}}}
            """),
        new Case("Role", new GroupVersionKind("rbac.authorization.k8s.io", "v1", "Role"), V1Rbac.Role.newBuilder()
            .setMetadata(meta("reader").setNamespace("dev"))
            .addRules(V1Rbac.PolicyRule.newBuilder().addApiGroups("").addResources("pods").addVerbs("get").addVerbs("list"))
            .addRules(V1Rbac.PolicyRule.newBuilder().addApiGroups("apps").addResources("deployments").addResourceNames("web").addVerbs("*"))
            .build(), """
            {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name: 'reader', namespace: 'dev'},
             rules: [{apiGroups: [''], resources: ['pods'], verbs: ['get', 'list']},
                     {apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['*']}]}
            """),
        new Case("HorizontalPodAutoscaler v2 with metrics and behavior", new GroupVersionKind("autoscaling", "v2", "HorizontalPodAutoscaler"),
            V2Autoscaling.HorizontalPodAutoscaler.newBuilder()
                .setMetadata(meta("web"))
                .setSpec(V2Autoscaling.HorizontalPodAutoscalerSpec.newBuilder()
                    .setScaleTargetRef(V2Autoscaling.CrossVersionObjectReference.newBuilder().setApiVersion("apps/v1").setKind("Deployment").setName("web"))
                    .setMinReplicas(1).setMaxReplicas(10)
                    .addMetrics(V2Autoscaling.MetricSpec.newBuilder().setType("Resource").setResource(V2Autoscaling.ResourceMetricSource.newBuilder()
                        .setName("cpu").setTarget(V2Autoscaling.MetricTarget.newBuilder().setType("Utilization").setAverageUtilization(70))))
                    .addMetrics(V2Autoscaling.MetricSpec.newBuilder().setType("Pods").setPods(V2Autoscaling.PodsMetricSource.newBuilder()
                        .setMetric(V2Autoscaling.MetricIdentifier.newBuilder().setName("requests_per_second"))
                        .setTarget(V2Autoscaling.MetricTarget.newBuilder().setType("AverageValue").setAverageValue(quantity("1k")))))
                    .setBehavior(V2Autoscaling.HorizontalPodAutoscalerBehavior.newBuilder()
                        .setScaleDown(V2Autoscaling.HPAScalingRules.newBuilder().setStabilizationWindowSeconds(0).setSelectPolicy("Min")
                            .addPolicies(V2Autoscaling.HPAScalingPolicy.newBuilder().setType("Percent").setValue(10).setPeriodSeconds(60)))))
                .build(), """
            {apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {name: 'web'},
             spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}, minReplicas: 1, maxReplicas: 10,
               metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 70}}},
                         {type: 'Pods', pods: {metric: {name: 'requests_per_second'}, target: {type: 'AverageValue', averageValue: '1k'}}}],
               behavior: {scaleDown: {stabilizationWindowSeconds: 0, selectPolicy: 'Min',
                 policies: [{type: 'Percent', value: 10, periodSeconds: 60}]}}}}
            """),
        new Case("core Event with Time and MicroTime", new GroupVersionKind("", "v1", "Event"), V1.Event.newBuilder()
            .setMetadata(meta("web.17a").setNamespace("default"))
            .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("web").setNamespace("default").setUid("1234"))
            .setReason("Pulled").setMessage("pulled").setType("Normal").setCount(3)
            .setFirstTimestamp(time(1704164645)).setLastTimestamp(time(1704164700))
            .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1704164645).setNanos(123456000))
            .setSeries(V1.EventSeries.newBuilder().setCount(2).setLastObservedTime(Meta.MicroTime.newBuilder().setSeconds(1704164645).setNanos(1000)))
            .setSource(V1.EventSource.newBuilder().setComponent("kubelet").setHost("node1"))
            .setReportingComponent("").setReportingInstance("")
            .build(), """
            {apiVersion: 'v1', kind: 'Event', metadata: {name: 'web.17a', namespace: 'default'},
             involvedObject: {kind: 'Pod', name: 'web', namespace: 'default', uid: '1234'},
             reason: 'Pulled', message: 'pulled', type: 'Normal', count: 3,
             firstTimestamp: '2024-01-02T03:04:05Z', lastTimestamp: '2024-01-02T03:05:00Z',
             eventTime: '2024-01-02T03:04:05.123456Z',
             series: {count: 2, lastObservedTime: '2024-01-02T03:04:05.000001Z'},
             source: {component: 'kubelet', host: 'node1'}, reportingComponent: '', reportingInstance: ''}
            """),
        new Case("Ingress with an inlined rule value and a pointer string", new GroupVersionKind("networking.k8s.io", "v1", "Ingress"), V1Networking.Ingress.newBuilder()
            .setMetadata(meta("web"))
            .setSpec(V1Networking.IngressSpec.newBuilder().setIngressClassName("nginx")
                .setDefaultBackend(V1Networking.IngressBackend.newBuilder().setService(V1Networking.IngressServiceBackend.newBuilder()
                    .setName("web").setPort(V1Networking.ServiceBackendPort.newBuilder().setNumber(80))))
                .addTls(V1Networking.IngressTLS.newBuilder().addHosts("foo.com").setSecretName("cert"))
                .addRules(V1Networking.IngressRule.newBuilder().setHost("foo.com").setIngressRuleValue(V1Networking.IngressRuleValue.newBuilder()
                    .setHttp(V1Networking.HTTPIngressRuleValue.newBuilder().addPaths(V1Networking.HTTPIngressPath.newBuilder()
                        .setPath("/bar").setPathType("Prefix").setBackend(V1Networking.IngressBackend.newBuilder().setService(
                            V1Networking.IngressServiceBackend.newBuilder().setName("api").setPort(V1Networking.ServiceBackendPort.newBuilder().setName("http")))))))))
            .build(), """
            {apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: {name: 'web'},
             spec: {ingressClassName: 'nginx', defaultBackend: {service: {name: 'web', port: {number: 80}}},
               tls: [{hosts: ['foo.com'], secretName: 'cert'}],
               rules: [{host: 'foo.com', http: {paths: [{path: '/bar', pathType: 'Prefix',
                 backend: {service: {name: 'api', port: {name: 'http'}}}}]}}]}}
            """),
        new Case("PersistentVolumeClaim with quantities and an empty storage class", new GroupVersionKind("", "v1", "PersistentVolumeClaim"),
            V1.PersistentVolumeClaim.newBuilder()
                .setMetadata(meta("data"))
                .setSpec(V1.PersistentVolumeClaimSpec.newBuilder().addAccessModes("ReadWriteOnce").setStorageClassName("").setVolumeMode("Filesystem")
                    .setResources(V1.VolumeResourceRequirements.newBuilder().putRequests("storage", quantity("10Gi")).putLimits("storage", quantity("20Gi"))))
                .build(), """
            {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data'},
             spec: {accessModes: ['ReadWriteOnce'], storageClassName: '', volumeMode: 'Filesystem',
               resources: {requests: {storage: '10Gi'}, limits: {storage: '20Gi'}}}}
            """),
        new Case("managed fields hold their FieldsV1 JSON, owner references their pointer booleans", new GroupVersionKind("", "v1", "ConfigMap"),
            V1.ConfigMap.newBuilder()
                .setMetadata(meta("cfg").setDeletionGracePeriodSeconds(0)
                    .addOwnerReferences(Meta.OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("ReplicaSet").setName("rs").setUid("u1")
                        .setController(true).setBlockOwnerDeletion(false))
                    .addManagedFields(Meta.ManagedFieldsEntry.newBuilder().setManager("kubectl").setOperation("Apply").setApiVersion("v1")
                        .setTime(time(1704164645)).setFieldsType("FieldsV1")
                        .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(ByteString.copyFromUtf8("{\"f:data\":{\"f:a\":{}}}")))))
                .build(), """
            {apiVersion: 'v1', kind: 'ConfigMap',
             metadata: {name: 'cfg', deletionGracePeriodSeconds: 0,
               ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true, blockOwnerDeletion: false}],
               managedFields: [{manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-01-02T03:04:05Z',
                 fieldsType: 'FieldsV1', fieldsV1: {'f:data': {'f:a': {}}}}]}}
            """),
        new Case("Lease with MicroTimes", new GroupVersionKind("coordination.k8s.io", "v1", "Lease"), V1Coordination.Lease.newBuilder()
            .setMetadata(meta("node1").setNamespace("kube-node-lease"))
            .setSpec(V1Coordination.LeaseSpec.newBuilder().setHolderIdentity("node1").setLeaseDurationSeconds(40).setLeaseTransitions(0)
                .setAcquireTime(Meta.MicroTime.newBuilder().setSeconds(1704164645))
                .setRenewTime(Meta.MicroTime.newBuilder().setSeconds(1704164645).setNanos(987654321)))
            .build(), """
            {apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: {name: 'node1', namespace: 'kube-node-lease'},
             spec: {holderIdentity: 'node1', leaseDurationSeconds: 40, leaseTransitions: 0,
               acquireTime: '2024-01-02T03:04:05.000000Z', renewTime: '2024-01-02T03:04:05.987654Z'}}
            """),
        new Case("EndpointSlice with pointer booleans and ports", new GroupVersionKind("discovery.k8s.io", "v1", "EndpointSlice"), V1Discovery.EndpointSlice.newBuilder()
            .setMetadata(meta("web-abc").putLabels("kubernetes.io/service-name", "web"))
            .setAddressType("IPv4")
            .addEndpoints(V1Discovery.Endpoint.newBuilder().addAddresses("10.0.0.5").setNodeName("node1").setZone("a")
                .setConditions(V1Discovery.EndpointConditions.newBuilder().setReady(true).setServing(true).setTerminating(false))
                .setTargetRef(V1.ObjectReference.newBuilder().setKind("Pod").setName("web-1").setNamespace("default")))
            .addPorts(V1Discovery.EndpointPort.newBuilder().setName("").setProtocol("TCP").setPort(8080))
            .build(), """
            {apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: {name: 'web-abc', labels: {'kubernetes.io/service-name': 'web'}},
             addressType: 'IPv4',
             endpoints: [{addresses: ['10.0.0.5'], nodeName: 'node1', zone: 'a',
               conditions: {ready: true, serving: true, terminating: false},
               targetRef: {kind: 'Pod', name: 'web-1', namespace: 'default'}}],
             ports: [{name: '', protocol: 'TCP', port: 8080}]}
            """),
        new Case("events.k8s.io Event", new GroupVersionKind("events.k8s.io", "v1", "Event"), V1Events.Event.newBuilder()
            .setMetadata(meta("web.17b").setNamespace("default"))
            .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1704164645).setNanos(500000000))
            .setReportingController("kube4j.io/scheduler").setReportingInstance("kube4j-1").setAction("Binding").setReason("Scheduled")
            .setRegarding(V1.ObjectReference.newBuilder().setKind("Pod").setName("web").setNamespace("default"))
            .setNote("assigned").setType("Normal").setDeprecatedCount(0)
            .setDeprecatedFirstTimestamp(Meta.Time.getDefaultInstance())
            .build(), """
            {apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: {name: 'web.17b', namespace: 'default'},
             eventTime: '2024-01-02T03:04:05.500000Z', reportingController: 'kube4j.io/scheduler', reportingInstance: 'kube4j-1',
             action: 'Binding', reason: 'Scheduled', regarding: {kind: 'Pod', name: 'web', namespace: 'default'},
             note: 'assigned', type: 'Normal', deprecatedFirstTimestamp: null}
            """),
        new Case("RuntimeClass with overhead", new GroupVersionKind("node.k8s.io", "v1", "RuntimeClass"), V1Node.RuntimeClass.newBuilder()
            .setMetadata(meta("gvisor")).setHandler("runsc")
            .setOverhead(V1Node.Overhead.newBuilder().putPodFixed("memory", quantity("64Mi")))
            .build(), """
            {apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: {name: 'gvisor'}, handler: 'runsc', overhead: {podFixed: {memory: '64Mi'}}}
            """),
        new Case("CustomResourceDefinition with a structural schema", new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition"),
            V1Apiextensions.CustomResourceDefinition.newBuilder()
                .setMetadata(meta("widgets.example.com"))
                .setSpec(V1Apiextensions.CustomResourceDefinitionSpec.newBuilder().setGroup("example.com").setScope("Namespaced")
                    .setNames(V1Apiextensions.CustomResourceDefinitionNames.newBuilder().setPlural("widgets").setKind("Widget"))
                    .addVersions(V1Apiextensions.CustomResourceDefinitionVersion.newBuilder().setName("v1").setServed(true).setStorage(true)
                        .setSchema(V1Apiextensions.CustomResourceValidation.newBuilder().setOpenAPIV3Schema(V1Apiextensions.JSONSchemaProps.newBuilder()
                            .setType("object")
                            .putProperties("spec", V1Apiextensions.JSONSchemaProps.newBuilder().setType("object")
                                .setXKubernetesPreserveUnknownFields(true)
                                .setAdditionalProperties(V1Apiextensions.JSONSchemaPropsOrBool.newBuilder().setAllows(false))
                                .build())
                            .putProperties("size", V1Apiextensions.JSONSchemaProps.newBuilder().setXKubernetesIntOrString(true)
                                .setDefault(V1Apiextensions.JSON.newBuilder().setRaw(ByteString.copyFromUtf8("\"1Gi\"")))
                                .addEnum(V1Apiextensions.JSON.newBuilder().setRaw(ByteString.copyFromUtf8("1")))
                                .build())
                            .putProperties("tags", V1Apiextensions.JSONSchemaProps.newBuilder().setType("array")
                                .setItems(V1Apiextensions.JSONSchemaPropsOrArray.newBuilder().setSchema(V1Apiextensions.JSONSchemaProps.newBuilder().setType("string")))
                                .build())
                            .addRequired("spec")))))
                .build(), """
            {apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: {name: 'widgets.example.com'},
             spec: {group: 'example.com', scope: 'Namespaced', names: {plural: 'widgets', kind: 'Widget'},
               versions: [{name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object', required: ['spec'],
                 properties: {
                   spec: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true, additionalProperties: false},
                   size: {'x-kubernetes-int-or-string': true, default: '1Gi', enum: [1]},
                   tags: {type: 'array', items: {type: 'string'}}}}}}]}}
            """),
        new Case("non-omitempty fields absent from the wire are written as Go's zero values", new GroupVersionKind("scheduling.k8s.io", "v1", "PriorityClass"),
            io.kubernetes.client.proto.V1Scheduling.PriorityClass.newBuilder().setMetadata(meta("zero")).build(), """
            {apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: {name: 'zero'}, value: 0}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void decodesToTheJsonUpstreamWrites(Case c) {
    var decoded = ProtobufBodies.decode(envelope(c.kind().apiVersion(), c.kind().kind(), c.message()), c.kind());

    assertThat(decoded).isEqualTo(json(c.expected()));
    assertThat(decoded.fieldNames().next()).isEqualTo("apiVersion");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void anEnvelopeWithoutTypeMetaTakesTheExpectedKind(Case c) {
    var decoded = ProtobufBodies.decode(envelope("", "", c.message()), c.kind());

    assertThat(decoded).isEqualTo(json(c.expected()));
  }

  static Stream<Arguments> malformed() {
    var deployment = new GroupVersionKind("apps", "v1", "Deployment");
    var valid = envelope("apps/v1", "Deployment", V1Apps.Deployment.newBuilder().setMetadata(meta("web")).build());
    return Stream.of(
        Arguments.of("empty", new byte[0], deployment,
            "Deployment in version \"v1\" cannot be handled as a Deployment: empty data"),
        Arguments.of("JSON sent with the protobuf content type", "{\"kind\":\"Deployment\"}".getBytes(StandardCharsets.UTF_8), deployment,
            "Deployment in version \"v1\" cannot be handled as a Deployment: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"),
        Arguments.of("magic only", new byte[] {'k', '8', 's', 0}, deployment,
            "Deployment in version \"v1\" cannot be handled as a Deployment: empty body"),
        Arguments.of("truncated envelope", java.util.Arrays.copyOf(valid, valid.length - 3), deployment,
            "Deployment in version \"v1\" cannot be handled as a Deployment: unexpected EOF"),
        Arguments.of("raw that is not the kind's message", envelope("apps/v1", "Deployment", ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x01})), deployment,
            "Deployment in version \"v1\" cannot be handled as a Deployment: "),
        Arguments.of("another group", envelope("v1", "Deployment", V1Apps.Deployment.getDefaultInstance()), deployment,
            "the API version in the data (v1) does not match the expected API version (apps/v1)"),
        Arguments.of("another kind", envelope("apps/v1", "ReplicaSet", V1Apps.ReplicaSet.getDefaultInstance()), deployment,
            "the kind in the data (ReplicaSet) does not match the expected kind (Deployment)"),
        Arguments.of("a raw extension that is not JSON", envelope("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{nope"))).build()),
            new GroupVersionKind("apps", "v1", "ControllerRevision"),
            "ControllerRevision in version \"v1\" cannot be handled as a ControllerRevision: the raw value of data is not JSON: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedBodiesWith400(String name, byte[] body, GroupVersionKind expected, String messagePrefix) {
    assertThatThrownBy(() -> ProtobufBodies.decode(body, expected))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo(ApiException.Reason.BAD_REQUEST);
          assertThat(e.getMessage()).startsWith(messagePrefix);
        });
  }

  @ParameterizedTest(name = "{0}/{1} {2}")
  @CsvSource({
      "example.com, v1, Widget",
      "coordination.k8s.io, v2, Lease",
      "'', v1, Nonsense"})
  void kindsWithoutADescriptorAreUnsupportedMediaTypes(String group, String version, String kind) {
    var expected = new GroupVersionKind(group, version, kind);
    var body = envelope(expected.apiVersion(), kind, Meta.ObjectMeta.getDefaultInstance());

    assertThatThrownBy(() -> ProtobufBodies.decode(body, expected))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(415);
          assertThat(e.getMessage()).contains(kind).contains("application/json");
        });
  }

  @org.junit.jupiter.api.Test
  void fieldsUnknownToTheDescriptorsAreDroppedWithAWarning() {
    // Field 999 of ObjectMeta stands for a field a newer Kubernetes added.
    var metadata = Meta.ObjectMeta.newBuilder().setName("web")
        .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
            .addField(999, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build();
    var warnings = new ArrayList<String>();

    var decoded = ProtobufBodies.decode(envelope("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(metadata).build()),
        new GroupVersionKind("", "v1", "ConfigMap"), warnings);

    assertThat(decoded).isEqualTo(json("{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'web'}}"));
    assertThat(warnings).singleElement().asString().contains("999").contains("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta").contains("metadata");
  }

  @ParameterizedTest(name = "{0} ns = {1}")
  @CsvSource({
      "0, 0s",
      "1, 1ns",
      "1500, 1.5µs",
      "1000000, 1ms",
      "2500000, 2.5ms",
      "1000000000, 1s",
      "1500000000, 1.5s",
      "60000000000, 1m0s",
      "3723000000000, 1h2m3s",
      "3600000000000, 1h0m0s",
      "90061000000001, 25h1m1.000000001s",
      "-1500000000, -1.5s",
      "-9223372036854775808, -2562047h47m16.854775808s"})
  void durationsAreWrittenAsGoDoes(long nanos, String expected) {
    assertThat(ProtoJson.goDuration(nanos)).isEqualTo(expected);
  }
}
