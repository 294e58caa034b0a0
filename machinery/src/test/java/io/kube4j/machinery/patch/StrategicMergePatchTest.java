package io.kube4j.machinery.patch;

import static io.kube4j.machinery.patch.PatchFixtures.DEPLOYMENT;
import static io.kube4j.machinery.patch.PatchFixtures.POD;
import static io.kube4j.machinery.patch.PatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.api.schema.Schema;
import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategic merge patch over Pod and Deployment schemas with their real merge keys and strategies: the
 * examples of the strategic-merge-patch design document, what {@code kubectl apply/patch/edit} send, and the
 * errors upstream answers.
 */
class StrategicMergePatchTest {

  record Case(String name, Schema schema, String original, String patch, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Failure(String name, Schema schema, String original, String patch, int code, String reason, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        // --- design document: lists merged on their merge key
        new Case("adding a container merges on name; the new element goes first", POD,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-1.0
            """,
            """
            spec:
              containers:
              - name: log-tailer
                image: log-tailer-1.0
            """,
            """
            spec:
              containers:
              - name: log-tailer
                image: log-tailer-1.0
              - name: nginx
                image: nginx-1.0
            """),
        new Case("changing one container keeps the others and the order", POD,
            """
            spec:
              containers:
              - name: a
                image: a:1
              - name: b
                image: b:1
              - name: c
                image: c:1
            """,
            """
            spec:
              containers:
              - name: b
                image: b:2
            """,
            """
            spec:
              containers:
              - name: a
                image: a:1
              - name: b
                image: b:2
              - name: c
                image: c:1
            """),
        new Case("$patch: delete removes a list element by merge key", POD,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-1.0
              - name: log-tailer
                image: log-tailer-1.0
            """,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-1.0
              - $patch: delete
                name: log-tailer
            """,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-1.0
            """),
        new Case("$patch: delete removes every element with that merge key", POD,
            """
            spec:
              containers:
              - name: app
                env:
                - name: A
                  value: "1"
                - name: B
                  value: "2"
                - name: A
                  value: "3"
            """,
            """
            spec:
              containers:
              - name: app
                env:
                - name: A
                  $patch: delete
            """,
            """
            spec:
              containers:
              - name: app
                env:
                - name: B
                  value: "2"
            """),
        new Case("$patch: replace in a list replaces the whole list", POD,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-1.0
              - name: log-tailer
                image: log-tailer-1.0
            """,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-2.0
              - $patch: replace
            """,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-2.0
            """),
        new Case("$patch: replace on a map takes the patch's map literally", POD,
            """
            spec:
              restartPolicy: Always
              containers:
              - name: nginx
                image: nginx-1.0
              - name: log-tailer
                image: log-tailer-1.0
            """,
            """
            spec:
              $patch: replace
              containers:
              - name: nginx
                image: nginx-1.0
            """,
            """
            spec:
              containers:
              - name: nginx
                image: nginx-1.0
            """),
        new Case("$patch: replace on a nested map inside a merged element", POD,
            """
            spec:
              containers:
              - name: app
                resources:
                  limits:
                    cpu: "1"
                  requests:
                    cpu: 500m
            """,
            """
            spec:
              containers:
              - name: app
                resources:
                  $patch: replace
                  limits:
                    memory: 1Gi
            """,
            """
            spec:
              containers:
              - name: app
                resources:
                  limits:
                    memory: 1Gi
            """),
        new Case("$patch: delete on a map empties it (it stays, as upstream leaves it)", DEPLOYMENT,
            """
            spec:
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 25%
            """,
            """
            spec:
              strategy:
                rollingUpdate:
                  $patch: delete
            """,
            """
            spec:
              strategy:
                type: RollingUpdate
                rollingUpdate: {}
            """),
        new Case("null deletes a field", DEPLOYMENT,
            """
            spec:
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 25%
            """,
            """
            spec:
              strategy:
                rollingUpdate: null
            """,
            """
            spec:
              strategy:
                type: RollingUpdate
            """),
        new Case("a top-level $patch: delete empties the object", POD,
            """
            metadata:
              name: p
            """,
            """
            $patch: delete
            """,
            "{}"),

        // --- primitive lists with the merge strategy are sets
        new Case("finalizers merge as a set", POD,
            """
            metadata:
              finalizers: [a, b]
            """,
            """
            metadata:
              finalizers: [b, c]
            """,
            """
            metadata:
              finalizers: [a, b, c]
            """),
        new Case("a set is deduplicated; a new item goes before the server-only ones", POD,
            """
            metadata:
              finalizers: [a, a, b]
            """,
            """
            metadata:
              finalizers: [c]
            """,
            """
            metadata:
              finalizers: [c, a, b]
            """),
        new Case("$deleteFromPrimitiveList removes items from a set (design document)", POD,
            """
            metadata:
              finalizers: [a, b, c]
            """,
            """
            metadata:
              $deleteFromPrimitiveList/finalizers: [b, c]
            """,
            """
            metadata:
              finalizers: [a]
            """),
        new Case("$deleteFromPrimitiveList of a missing list adds nothing", POD,
            """
            metadata:
              name: p
            """,
            """
            metadata:
              $deleteFromPrimitiveList/finalizers: [b]
            """,
            """
            metadata:
              name: p
            """),
        new Case("$setElementOrder reorders a primitive list (design document)", POD,
            """
            metadata:
              finalizers: [a, b, c]
            """,
            """
            metadata:
              $setElementOrder/finalizers: [b, c, a]
            """,
            """
            metadata:
              finalizers: [b, c, a]
            """),
        new Case("$setElementOrder reorders a list of maps (design document)", POD,
            """
            spec:
              containers:
              - name: a
                image: a
              - name: b
                image: b
              - name: c
                image: c
            """,
            """
            spec:
              $setElementOrder/containers:
              - name: b
              - name: c
              - name: a
            """,
            """
            spec:
              containers:
              - name: b
                image: b
              - name: c
                image: c
              - name: a
                image: a
            """),
        new Case("$setElementOrder places a new element where the order says", POD,
            """
            spec:
              containers:
              - name: a
                image: a
              - name: c
                image: c
            """,
            """
            spec:
              $setElementOrder/containers:
              - name: a
              - name: b
              - name: c
              containers:
              - name: b
                image: b
            """,
            """
            spec:
              containers:
              - name: a
                image: a
              - name: b
                image: b
              - name: c
                image: c
            """),
        new Case("a primitive list without the merge strategy is replaced", POD,
            """
            spec:
              containers:
              - name: app
                args: [--a, --b]
            """,
            """
            spec:
              containers:
              - name: app
                args: [--c]
            """,
            """
            spec:
              containers:
              - name: app
                args: [--c]
            """),

        // --- nested merge lists with their own keys
        new Case("ports merge on containerPort inside a merged container", POD,
            """
            spec:
              containers:
              - name: web
                image: nginx
                ports:
                - containerPort: 80
                  protocol: TCP
                - containerPort: 443
                  protocol: TCP
            """,
            """
            spec:
              containers:
              - name: web
                ports:
                - containerPort: 443
                  name: https
            """,
            """
            spec:
              containers:
              - name: web
                image: nginx
                ports:
                - containerPort: 80
                  protocol: TCP
                - containerPort: 443
                  protocol: TCP
                  name: https
            """),
        new Case("env merges on name, volumeMounts on mountPath", POD,
            """
            spec:
              containers:
              - name: app
                env:
                - name: A
                  value: "1"
                - name: B
                  value: "2"
                volumeMounts:
                - name: data
                  mountPath: /data
                - name: cache
                  mountPath: /cache
            """,
            """
            spec:
              containers:
              - name: app
                env:
                - name: B
                  value: "20"
                volumeMounts:
                - name: data2
                  mountPath: /data
            """,
            """
            spec:
              containers:
              - name: app
                env:
                - name: A
                  value: "1"
                - name: B
                  value: "20"
                volumeMounts:
                - name: data2
                  mountPath: /data
                - name: cache
                  mountPath: /cache
            """),
        new Case("kubectl apply: image change, env deletion and addition with $setElementOrder", DEPLOYMENT,
            """
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: app
                    image: app:v1
                    env:
                    - name: A
                      value: "1"
                    - name: B
                      value: "2"
                  - name: sidecar
                    image: sidecar:v1
            """,
            """
            spec:
              template:
                spec:
                  $setElementOrder/containers:
                  - name: app
                  - name: sidecar
                  containers:
                  - name: app
                    image: app:v2
                    $setElementOrder/env:
                    - name: A
                    - name: C
                    env:
                    - name: C
                      value: "3"
                    - $patch: delete
                      name: B
            """,
            """
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: app
                    image: app:v2
                    env:
                    - name: A
                      value: "1"
                    - name: C
                      value: "3"
                  - name: sidecar
                    image: sidecar:v1
            """),
        new Case("ownerReferences merge on uid", POD,
            """
            metadata:
              ownerReferences:
              - uid: u1
                kind: ReplicaSet
                name: rs1
            """,
            """
            metadata:
              ownerReferences:
              - uid: u1
                controller: true
              - uid: u2
                kind: Node
                name: n
            """,
            """
            metadata:
              ownerReferences:
              - uid: u1
                kind: ReplicaSet
                name: rs1
                controller: true
              - uid: u2
                kind: Node
                name: n
            """),

        // --- retainKeys: volumes and Deployment strategy
        new Case("kubectl apply switching a volume from emptyDir to hostPath clears emptyDir", POD,
            """
            spec:
              volumes:
              - name: data
                emptyDir: {}
              - name: conf
                configMap:
                  name: c
            """,
            """
            spec:
              $setElementOrder/volumes:
              - name: data
              - name: conf
              volumes:
              - $retainKeys:
                - hostPath
                - name
                hostPath:
                  path: /srv
                name: data
            """,
            """
            spec:
              volumes:
              - name: data
                hostPath:
                  path: /srv
              - name: conf
                configMap:
                  name: c
            """),
        new Case("switching strategy to Recreate with $retainKeys clears rollingUpdate", DEPLOYMENT,
            """
            spec:
              replicas: 2
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 25%
            """,
            """
            spec:
              strategy:
                $retainKeys:
                - type
                type: Recreate
            """,
            """
            spec:
              replicas: 2
              strategy:
                type: Recreate
            """),
        new Case("without $retainKeys the strategy merges and rollingUpdate stays", DEPLOYMENT,
            """
            spec:
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
            """,
            """
            spec:
              strategy:
                type: Recreate
            """,
            """
            spec:
              strategy:
                type: Recreate
                rollingUpdate:
                  maxSurge: 1
            """),
        new Case("$retainKeys tolerates null for a listed-out field", DEPLOYMENT,
            """
            spec:
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
            """,
            """
            spec:
              strategy:
                $retainKeys: [type]
                type: Recreate
                rollingUpdate: null
            """,
            """
            spec:
              strategy:
                type: Recreate
            """),

        // --- maps, scalars and values the original lacks
        new Case("labels merge and a null removes one label", POD,
            """
            metadata:
              labels:
                app: web
                tier: front
            """,
            """
            metadata:
              labels:
                tier: null
                version: v2
            """,
            """
            metadata:
              labels:
                app: web
                version: v2
            """),
        new Case("a map the original lacks is added without its nulls", POD,
            """
            metadata:
              name: p
            """,
            """
            metadata:
              annotations:
                a: null
                b: x
            """,
            """
            metadata:
              name: p
              annotations:
                b: x
            """),
        new Case("a list the original lacks is added without its directive elements", POD,
            """
            spec:
              containers:
              - name: app
            """,
            """
            spec:
              initContainers:
              - name: gone
                $patch: delete
              - name: init
                image: busybox
            """,
            """
            spec:
              containers:
              - name: app
              initContainers:
              - name: init
                image: busybox
            """),
        new Case("a new list element is stored without its nulls", POD,
            """
            spec:
              containers:
              - name: app
            """,
            """
            spec:
              containers:
              - name: side
                image: s
                command: null
            """,
            """
            spec:
              containers:
              - name: side
                image: s
              - name: app
            """),
        new Case("a scalar replaced by an object takes the object", POD,
            """
            spec:
              restartPolicy: Always
            """,
            """
            spec:
              restartPolicy:
                odd: value
            """,
            """
            spec:
              restartPolicy:
                odd: value
            """),
        new Case("a map with no patch strategy merges even when its schema says atomic", POD,
            """
            spec:
              nodeSelector:
                disk: ssd
            """,
            """
            spec:
              nodeSelector:
                zone: a
            """,
            """
            spec:
              nodeSelector:
                disk: ssd
                zone: a
            """),
        new Case("a list of maps without the merge strategy is replaced", POD,
            """
            spec:
              tolerations:
              - key: a
                operator: Exists
            """,
            """
            spec:
              tolerations:
              - key: b
                operator: Exists
            """,
            """
            spec:
              tolerations:
              - key: b
                operator: Exists
            """),
        new Case("an unknown field's list is replaced", POD,
            """
            spec:
              extra:
              - name: a
              - name: b
            """,
            """
            spec:
              extra:
              - name: c
            """,
            """
            spec:
              extra:
              - name: c
            """),
        new Case("scalars replace", DEPLOYMENT,
            """
            spec:
              replicas: 1
              minReadySeconds: 5
            """,
            """
            spec:
              replicas: 3
            """,
            """
            spec:
              replicas: 3
              minReadySeconds: 5
            """),
        new Case("without a schema lists are replaced like a merge patch", null,
            """
            spec:
              containers:
              - name: a
              - name: b
              template:
                x: 1
            """,
            """
            spec:
              containers:
              - name: c
              template:
                y: 2
            """,
            """
            spec:
              containers:
              - name: c
              template:
                x: 1
                y: 2
            """),
        new Case("directives inside a list taken whole are dropped", POD,
            """
            spec:
              tolerations:
              - key: a
            """,
            """
            spec:
              tolerations:
              - key: b
                $patch: delete
            """,
            """
            spec:
              tolerations:
              - key: b
            """),
        new Case("a null patch changes nothing", POD,
            """
            metadata:
              name: p
            """,
            "null",
            """
            metadata:
              name: p
            """));
  }

  static List<Failure> failures() {
    return List.of(
        new Failure("a list element without its merge key", POD,
            "spec: {containers: [{name: a}]}",
            "spec: {containers: [{image: x}]}",
            500, "InternalError", "map: map[image:x] does not contain declared merge key: name"),
        new Failure("a delete directive without the merge key", POD,
            "spec: {containers: [{name: a}]}",
            "spec: {containers: [{$patch: delete, image: x}]}",
            500, "InternalError", "map: map[$patch:delete image:x] does not contain declared merge key: name"),
        new Failure("a live element without the merge key", POD,
            "spec: {containers: [{image: y}]}",
            "spec: {containers: [{name: a}]}",
            500, "InternalError", "map: map[image:y] does not contain declared merge key: name"),
        new Failure("$patch: merge inside a list", POD,
            "spec: {containers: [{name: a}]}",
            "spec: {containers: [{$patch: merge}]}",
            500, "InternalError", "merging lists cannot yet be specified in the patch"),
        new Failure("an unknown $patch value on a map", POD,
            "spec: {nodeSelector: {a: b}}",
            "spec: {nodeSelector: {$patch: foo, c: d}}",
            500, "InternalError", "unknown patch type: foo in map: map[$patch:foo c:d]"),
        new Failure("$patch: merge on a map is unknown to the server", POD,
            "metadata: {labels: {a: b}}",
            "metadata: {labels: {$patch: merge}}",
            500, "InternalError", "unknown patch type: merge in map: map[$patch:merge]"),
        new Failure("an unknown $patch value in a list", POD,
            "spec: {containers: [{name: a}]}",
            "spec: {containers: [{name: a, $patch: 1}]}",
            500, "InternalError", "unknown patch type: %!s(int64=1) in map: map[$patch:1 name:a]"),
        new Failure("$retainKeys that is not a list", DEPLOYMENT,
            "spec: {strategy: {type: RollingUpdate}}",
            "spec: {strategy: {$retainKeys: type, type: Recreate}}",
            400, "BadRequest", "invalid patch format of retainKeys"),
        new Failure("$retainKeys missing a field the patch sets", DEPLOYMENT,
            "spec: {strategy: {type: RollingUpdate}}",
            "spec: {strategy: {$retainKeys: [rollingUpdate], type: Recreate}}",
            400, "BadRequest", "invalid patch format of retainKeys"),
        new Failure("a $setElementOrder key without the list name", POD,
            "metadata: {finalizers: [a]}",
            "metadata: {$setElementOrder: [a]}",
            400, "BadRequest", "invalid patch format of setElementOrder list"),
        new Failure("a $deleteFromPrimitiveList key without the list name", POD,
            "metadata: {finalizers: [a]}",
            "metadata: {$deleteFromPrimitiveListfinalizers: [a]}",
            400, "BadRequest", "invalid patch format of primitive list"),
        new Failure("a $setElementOrder that is not a list", POD,
            "metadata: {finalizers: [a]}",
            "metadata: {$setElementOrder/finalizers: a}",
            500, "InternalError", "expected a []interface {}, but received a string"),
        new Failure("$setElementOrder contradicting the patch list", POD,
            "spec: {containers: [{name: a}, {name: b}]}",
            "{spec: {$setElementOrder/containers: [{name: a}, {name: b}], containers: [{name: b}, {name: a}]}}",
            500, "InternalError", "The order in patch list:\n[map[name:b] map[name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]\n"),
        new Failure("a list of lists in a merged list", POD,
            "metadata: {finalizers: [[a]]}",
            "metadata: {finalizers: [[b]]}",
            422, "Invalid", PatchFailures.REJECTED),
        new Failure("mixed element types in a merged list", POD,
            "metadata: {finalizers: [a]}",
            "metadata: {finalizers: [1]}",
            500, "InternalError", "list element types are not identical: [[a] [1]]"),
        new Failure("a patch that is not an object", POD,
            "metadata: {name: p}",
            "[1, 2]",
            400, "BadRequest", "json: cannot unmarshal array into Go value of type map[string]interface {}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applies(Case c) {
    var original = yaml(c.original());
    var patch = yaml(c.patch());
    var result = StrategicMergePatch.apply(original, patch, c.schema());
    assertThat(result).isEqualTo(yaml(c.expected()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void fails(Failure f) {
    assertThatThrownBy(() -> StrategicMergePatch.apply(yaml(f.original()), yaml(f.patch()), f.schema()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(f.code());
          assertThat(e.reason().text()).isEqualTo(f.reason());
          assertThat(e.getMessage()).isEqualTo(f.message());
        });
  }

  @Test
  void leavesItsArgumentsUntouched() {
    var original = yaml("spec: {containers: [{name: a, image: x}], restartPolicy: Always}");
    var patch = yaml("spec: {containers: [{name: a, image: y}, {name: b, $patch: delete}], restartPolicy: null}");
    var originalBefore = original.deepCopy();
    var patchBefore = patch.deepCopy();
    StrategicMergePatch.apply(original, patch, POD);
    assertThat(original).isEqualTo(originalBefore);
    assertThat(patch).isEqualTo(patchBefore);
  }
}
