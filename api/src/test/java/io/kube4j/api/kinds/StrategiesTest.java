package io.kube4j.api.kinds;

import static io.kube4j.api.kinds.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.api.BuiltinResources;
import io.kube4j.api.ResourceDefinition;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry-wide contract: every built-in resource has a strategy with upstream's scope, generation and field rules. */
class StrategiesTest {

  static final Set<String> GENERATION_TRACKED = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
      "ReplicationController", "Job", "CronJob", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress",
      "IngressClass", "NetworkPolicy", "EndpointSlice", "CustomResourceDefinition");

  static Stream<ResourceDefinition> resources() {
    return BuiltinResources.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void everyResourceHasAStrategyWithUpstreamGenerationTracking(ResourceDefinition def) {
    var strategy = Strategies.forResource(def);
    assertThat(strategy.tracksGeneration()).isEqualTo(GENERATION_TRACKED.contains(def.kind()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void everyStrategyEnforcesScope(ResourceDefinition def) {
    var strategy = Strategies.forResource(def);
    var object = json("{metadata: {name: 'x', namespace: 'ns'}}");
    var messages = Fixtures.messages(strategy.validate(object));
    if (def.namespaced()) {
      assertThat(messages).doesNotContain("metadata.namespace: Required value");
    } else {
      assertThat(messages).contains("metadata.namespace: Forbidden: not allowed on this type");
    }
    var noNamespace = Fixtures.messages(strategy.validate(json("{metadata: {name: 'x'}}")));
    assertThat(noNamespace.contains("metadata.namespace: Required value")).isEqualTo(def.namespaced());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{containers: [{name: 'c', image: 'x'}]} | BestEffort",
      "{containers: [{name: 'c', image: 'x', resources: {requests: {cpu: '1'}}}]} | Burstable",
      "{containers: [{name: 'c', image: 'x', resources: {limits: {cpu: '1', memory: '1Gi'}}}]} | Guaranteed",
      "{containers: [{name: 'c', image: 'x', resources: {limits: {cpu: '1', memory: '1Gi'}, requests: {cpu: '500m'}}}]} | Burstable",
      "{containers: [{name: 'c', image: 'x', resources: {limits: {cpu: '1', memory: '1Gi'}}}, {name: 'd', image: 'x'}]} | Burstable",
      "{containers: [{name: 'c', image: 'x', resources: {limits: {'example.com/gpu': '1'}}}]} | BestEffort",
      "{containers: [{name: 'c', image: 'x', resources: {limits: {cpu: '1000m', memory: '1Gi'}, requests: {cpu: '1', memory: '1024Mi'}}}]} | Guaranteed",
  })
  void qosClass(String spec, String expected) {
    var pod = json("{metadata: {name: 'p', namespace: 'd'}, spec: " + spec + "}");
    Fixtures.create("/Pod", pod);
    assertThat(pod.at("/status/qosClass").asText()).isEqualTo(expected);
  }

  @Test
  void imagePullPolicyFollowsTheTag() {
    assertThat(PodSpecDefaults.imageTag("nginx")).isEqualTo("latest");
    assertThat(PodSpecDefaults.imageTag("nginx:latest")).isEqualTo("latest");
    assertThat(PodSpecDefaults.imageTag("localhost:5000/nginx")).isEqualTo("latest");
    assertThat(PodSpecDefaults.imageTag("localhost:5000/nginx:1.2")).isEqualTo("1.2");
    assertThat(PodSpecDefaults.imageTag("nginx@sha256:abcd")).isEmpty();
    assertThat(PodSpecDefaults.imageTag("nginx:1@sha256:abcd")).isEqualTo("1");
  }

  @Test
  void jobSelectorIsGeneratedDuringValidationWhenTheUidArrivesLate() {
    var strategy = Fixtures.strategy("batch/Job");
    var job = json("{metadata: {name: 'pi', namespace: 'd'}, spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'c', image: 'x'}]}}}}");
    strategy.applyDefaults(job);
    strategy.prepareForCreate(job);
    assertThat(job.at("/spec/selector").isMissingNode()).isTrue();
    ((com.fasterxml.jackson.databind.node.ObjectNode) job.get("metadata")).put("uid", "late-uid");
    assertThat(strategy.validate(job)).isEmpty();
    assertThat(job.at("/spec/selector/matchLabels/batch.kubernetes.io~1controller-uid").asText()).isEqualTo("late-uid");
    assertThat(job.at("/spec/template/metadata/labels/job-name").asText()).isEqualTo("pi");
  }

  @Test
  void warnings() {
    var pod = json("{metadata: {name: 'p', namespace: 'd', finalizers: ['custom']}, spec: {terminationGracePeriodSeconds: -1, "
        + "nodeSelector: {'beta.kubernetes.io/os': 'linux'}, containers: [{name: 'c', image: 'x', "
        + "ports: [{containerPort: 80, protocol: 'TCP'}, {containerPort: 80, protocol: 'TCP'}]}]}}");
    assertThat(Fixtures.strategy("/Pod").warnings(pod)).containsExactlyInAnyOrder(
        "metadata.finalizers[0]: \"custom\": prefer a domain-qualified finalizer name including a path (/) to avoid "
            + "accidental conflicts with other finalizer writers",
        "spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use \"kubernetes.io/os\" instead",
        "spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1",
        "spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]");
    var deployment = json("{spec: {template: {spec: {nodeSelector: {'failure-domain.beta.kubernetes.io/zone': 'a'}}}}}");
    assertThat(Fixtures.strategy("apps/Deployment").warnings(deployment)).containsExactly(
        "spec.template.spec.nodeSelector[failure-domain.beta.kubernetes.io/zone]: deprecated since v1.17; use "
            + "\"topology.kubernetes.io/zone\" instead");
    var cronJob = json("{spec: {schedule: '0 9 * * ?', jobTemplate: {spec: {template: {spec: {terminationGracePeriodSeconds: -5}}}}}}");
    assertThat(Fixtures.strategy("batch/CronJob").warnings(cronJob)).containsExactlyInAnyOrder(
        "spec.schedule: Non-standard schedule with '?' is deprecated, use '*' instead",
        "spec.jobTemplate.spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1");
  }

  static final java.util.List<String> MALFORMED = java.util.List.of(
      "{}",
      "{metadata: null, spec: null, status: null}",
      "{metadata: {name: 'x', namespace: 'd', labels: {a: null}}, spec: {}}",
      "{metadata: {name: 'x'}, spec: 'text', status: 5, data: [1], rules: 'r', subsets: {}, template: []}",
      "{spec: {containers: 'x', template: {spec: {containers: [1, 'x', null]}}, selector: 'app=x', ports: [null, 3],"
          + " replicas: 'many', strategy: {type: 7, rollingUpdate: {maxSurge: [1]}}, jobTemplate: {spec: {template: null}},"
          + " volumeClaimTemplates: [{spec: null}], updateStrategy: null, metrics: [{type: 'Resource'}], behavior: {scaleUp: 'x'}}}",
      "{spec: {template: {metadata: {labels: []}, spec: {volumes: [{name: 'v', configMap: 'cm'}], containers: [{name: 'c', "
          + "resources: {limits: 'x', requests: {cpu: {}}}, ports: [{containerPort: 'http'}], env: [{valueFrom: {}}]}]}}}}");

  static Stream<Arguments> malformed() {
    return resources().flatMap(def -> MALFORMED.stream().map(text -> Arguments.of(def, text)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void strategiesNeverThrowOnMalformedObjects(ResourceDefinition def, String text) {
    var strategy = Strategies.forResource(def);
    var object = json(text);
    var old = json(text);
    strategy.applyDefaults(object);
    strategy.prepareForCreate(object);
    strategy.validate(object);
    strategy.prepareForUpdate(object, old);
    strategy.validateUpdate(object, old);
    strategy.prepareForStatusUpdate(object, old);
    strategy.validateStatusUpdate(object, old);
    strategy.warnings(object);
  }
}
