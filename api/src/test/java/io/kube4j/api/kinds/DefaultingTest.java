package io.kube4j.api.kinds;

import static io.kube4j.api.kinds.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Input object → the object a 1.32 API server stores after defaulting and prepareForCreate. */
class DefaultingTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("pod minimal", "/Pod", """
            {metadata: {name: 'p', namespace: 'default'},
             spec: {containers: [{name: 'c', image: 'nginx'}]}}""", """
            {metadata: {name: 'p', namespace: 'default'},
             spec: {containers: [{name: 'c', image: 'nginx', terminationMessagePath: '/dev/termination-log',
                                  terminationMessagePolicy: 'File', imagePullPolicy: 'Always', resources: {}}],
                    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
                    terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', enableServiceLinks: true,
                    priority: 0, preemptionPolicy: 'PreemptLowerPriority'},
             status: {phase: 'Pending', qosClass: 'BestEffort'}}"""),
        Arguments.of("pod tagged image, limits, probes, env, ports", "/Pod", """
            {metadata: {name: 'p', namespace: 'default'},
             spec: {restartPolicy: 'Never', containers: [{name: 'c', image: 'registry:5000/app:1.2',
               ports: [{containerPort: 80}],
               env: [{name: 'NODE', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName'}}}],
               livenessProbe: {httpGet: {port: 80}},
               readinessProbe: {tcpSocket: {port: 'http'}, periodSeconds: 5},
               resources: {limits: {cpu: '500m', memory: '128Mi'}}}]}}""", """
            {metadata: {name: 'p', namespace: 'default'},
             spec: {restartPolicy: 'Never', containers: [{name: 'c', image: 'registry:5000/app:1.2',
               ports: [{containerPort: 80, protocol: 'TCP'}],
               env: [{name: 'NODE', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName', apiVersion: 'v1'}}}],
               livenessProbe: {httpGet: {port: 80, path: '/', scheme: 'HTTP'}, timeoutSeconds: 1, periodSeconds: 10,
                               successThreshold: 1, failureThreshold: 3},
               readinessProbe: {tcpSocket: {port: 'http'}, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1,
                                failureThreshold: 3},
               resources: {limits: {cpu: '500m', memory: '128Mi'}, requests: {cpu: '500m', memory: '128Mi'}},
               terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
               imagePullPolicy: 'IfNotPresent'}],
               dnsPolicy: 'ClusterFirst', securityContext: {}, terminationGracePeriodSeconds: 30,
               schedulerName: 'default-scheduler', enableServiceLinks: true, priority: 0,
               preemptionPolicy: 'PreemptLowerPriority'},
             status: {phase: 'Pending', qosClass: 'Guaranteed'}}"""),
        Arguments.of("pod volumes", "/Pod", """
            {metadata: {name: 'p', namespace: 'default'},
             spec: {containers: [{name: 'c', image: 'busybox@sha256:abc', resources: {requests: {cpu: '100m'}}}],
                    volumes: [{name: 'a'}, {name: 'b', configMap: {name: 'cm'}}, {name: 'c', secret: {secretName: 's'}},
                              {name: 'd', hostPath: {path: '/tmp'}},
                              {name: 'e', projected: {sources: [{serviceAccountToken: {path: 'token'}}]}}]}}""", """
            {metadata: {name: 'p', namespace: 'default'},
             spec: {containers: [{name: 'c', image: 'busybox@sha256:abc', resources: {requests: {cpu: '100m'}},
                                  terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
                                  imagePullPolicy: 'IfNotPresent'}],
                    volumes: [{name: 'a', emptyDir: {}}, {name: 'b', configMap: {name: 'cm', defaultMode: 420}},
                              {name: 'c', secret: {secretName: 's', defaultMode: 420}},
                              {name: 'd', hostPath: {path: '/tmp', type: ''}},
                              {name: 'e', projected: {sources: [{serviceAccountToken: {path: 'token', expirationSeconds: 3600}}],
                                                      defaultMode: 420}}],
                    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
                    terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', enableServiceLinks: true,
                    priority: 0, preemptionPolicy: 'PreemptLowerPriority'},
             status: {phase: 'Pending', qosClass: 'Burstable'}}"""),
        Arguments.of("deployment", "apps/Deployment", """
            {metadata: {name: 'web', namespace: 'default'},
             spec: {selector: {matchLabels: {app: 'web'}},
                    template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'nginx', image: 'nginx:1.27'}]}}}}""", """
            {metadata: {name: 'web', namespace: 'default'},
             spec: {selector: {matchLabels: {app: 'web'}},
                    template: {metadata: {labels: {app: 'web'}},
                               spec: {containers: [{name: 'nginx', image: 'nginx:1.27',
                                                    terminationMessagePath: '/dev/termination-log',
                                                    terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
                                                    resources: {}}],
                                      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
                                      terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler'}},
                    replicas: 1,
                    strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}},
                    revisionHistoryLimit: 10, progressDeadlineSeconds: 600}}"""),
        Arguments.of("deployment recreate keeps no rollingUpdate", "apps/Deployment", """
            {spec: {replicas: 3, strategy: {type: 'Recreate'}, revisionHistoryLimit: 2, progressDeadlineSeconds: 60}}""", """
            {spec: {replicas: 3, strategy: {type: 'Recreate'}, revisionHistoryLimit: 2, progressDeadlineSeconds: 60}}"""),
        Arguments.of("replicaset", "apps/ReplicaSet", "{spec: {}}", "{spec: {replicas: 1}}"),
        Arguments.of("statefulset", "apps/StatefulSet", """
            {spec: {volumeClaimTemplates: [{metadata: {name: 'data'}, spec: {accessModes: ['ReadWriteOnce']}}]}}""", """
            {spec: {podManagementPolicy: 'OrderedReady',
                    updateStrategy: {type: 'RollingUpdate', rollingUpdate: {partition: 0}},
                    persistentVolumeClaimRetentionPolicy: {whenDeleted: 'Retain', whenScaled: 'Retain'},
                    replicas: 1, revisionHistoryLimit: 10,
                    volumeClaimTemplates: [{apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data'},
                                            spec: {accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem'},
                                            status: {phase: 'Pending'}}]}}"""),
        Arguments.of("daemonset", "apps/DaemonSet", "{spec: {}}", """
            {spec: {updateStrategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1, maxSurge: 0}},
                    revisionHistoryLimit: 10}}"""),
        Arguments.of("daemonset ondelete", "apps/DaemonSet", "{spec: {updateStrategy: {type: 'OnDelete'}}}", """
            {spec: {updateStrategy: {type: 'OnDelete'}, revisionHistoryLimit: 10}}"""),
        Arguments.of("replicationcontroller copies template labels", "/ReplicationController", """
            {metadata: {name: 'rc'}, spec: {template: {metadata: {labels: {app: 'x'}}}}}""", """
            {metadata: {name: 'rc', labels: {app: 'x'}},
             spec: {template: {metadata: {labels: {app: 'x'}},
                               spec: {dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
                                      terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler'}},
                    selector: {app: 'x'}, replicas: 1}}"""),
        Arguments.of("job generates selector and labels", "batch/Job", """
            {metadata: {name: 'pi', uid: 'u-1'}, spec: {template: {spec: {restartPolicy: 'Never'}}}}""", """
            {metadata: {name: 'pi', uid: 'u-1', labels: {'batch.kubernetes.io/controller-uid': 'u-1',
                                                           'batch.kubernetes.io/job-name': 'pi',
                                                           'controller-uid': 'u-1', 'job-name': 'pi'}},
             spec: {template: {metadata: {labels: {'batch.kubernetes.io/controller-uid': 'u-1',
                                                   'batch.kubernetes.io/job-name': 'pi',
                                                   'controller-uid': 'u-1', 'job-name': 'pi'}},
                               spec: {restartPolicy: 'Never', dnsPolicy: 'ClusterFirst', securityContext: {},
                                      terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler'}},
                    completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false,
                    podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false,
                    selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'u-1'}}},
             status: {}}"""),
        Arguments.of("job with parallelism only, failure policy", "batch/Job", """
            {metadata: {name: 'j', uid: 'u', labels: {team: 'a'}},
             spec: {parallelism: 3, manualSelector: true, selector: {matchLabels: {a: 'b'}},
                    podFailurePolicy: {rules: [{action: 'Ignore', onPodConditions: [{type: 'DisruptionTarget'}]}]}}}""", """
            {metadata: {name: 'j', uid: 'u', labels: {team: 'a'}},
             spec: {parallelism: 3, manualSelector: true, selector: {matchLabels: {a: 'b'}},
                    podFailurePolicy: {rules: [{action: 'Ignore', onPodConditions: [{type: 'DisruptionTarget', status: 'True'}]}]},
                    backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'Failed'},
             status: {}}"""),
        Arguments.of("cronjob", "batch/CronJob", """
            {spec: {schedule: '@hourly', jobTemplate: {spec: {template: {spec: {restartPolicy: 'OnFailure'}}}}}}""", """
            {spec: {schedule: '@hourly',
                    jobTemplate: {spec: {template: {spec: {restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirst',
                                                           securityContext: {}, terminationGracePeriodSeconds: 30,
                                                           schedulerName: 'default-scheduler'}}}},
                    concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1},
             status: {}}"""),
        Arguments.of("service clusterip", "/Service", """
            {spec: {selector: {app: 'web'}, ports: [{port: 80}]}}""", """
            {spec: {selector: {app: 'web'}, ports: [{port: 80, protocol: 'TCP', targetPort: 80}],
                    sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster',
                    ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4']},
             status: {loadBalancer: {}}}"""),
        Arguments.of("service nodeport with named target", "/Service", """
            {spec: {type: 'NodePort', ports: [{name: 'http', port: 80, targetPort: 'web', protocol: 'UDP'}],
                    sessionAffinity: 'ClientIP'}}""", """
            {spec: {type: 'NodePort', ports: [{name: 'http', port: 80, targetPort: 'web', protocol: 'UDP'}],
                    sessionAffinity: 'ClientIP', sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}},
                    externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
                    ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4']},
             status: {loadBalancer: {}}}"""),
        Arguments.of("service loadbalancer", "/Service", "{spec: {type: 'LoadBalancer', ports: [{port: 443, targetPort: 0}]}}", """
            {spec: {type: 'LoadBalancer', ports: [{port: 443, targetPort: 443, protocol: 'TCP'}],
                    sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
                    ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'], allocateLoadBalancerNodePorts: true},
             status: {loadBalancer: {}}}"""),
        Arguments.of("service headless without selector", "/Service", "{spec: {clusterIP: 'None'}}", """
            {spec: {clusterIP: 'None', clusterIPs: ['None'], sessionAffinity: 'None', type: 'ClusterIP',
                    internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4']},
             status: {loadBalancer: {}}}"""),
        Arguments.of("service externalname", "/Service", "{spec: {type: 'ExternalName', externalName: 'db.example.com'}}", """
            {spec: {type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None'},
             status: {loadBalancer: {}}}"""),
        Arguments.of("secret stringData", "/Secret", "{stringData: {user: 'admin'}}", """
            {type: 'Opaque', data: {user: 'YWRtaW4='}}"""),
        Arguments.of("namespace", "/Namespace", "{metadata: {name: 'dev'}}", """
            {metadata: {name: 'dev', labels: {'kubernetes.io/metadata.name': 'dev'}},
             spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}}"""),
        Arguments.of("namespace label corrected", "/Namespace",
            "{metadata: {name: 'dev', labels: {'kubernetes.io/metadata.name': 'other', a: 'b'}}, spec: {finalizers: ['kubernetes']}}", """
            {metadata: {name: 'dev', labels: {'kubernetes.io/metadata.name': 'dev', a: 'b'}},
             spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}}"""),
        Arguments.of("pvc", "/PersistentVolumeClaim", "{spec: {accessModes: ['ReadWriteOnce']}}", """
            {spec: {accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem'}, status: {phase: 'Pending'}}"""),
        Arguments.of("quantities canonical", "/Pod", """
            {metadata: {name: 'p', namespace: 'd'},
             spec: {containers: [{name: 'c', image: 'x:1', resources: {limits: {cpu: 1, memory: '1024Mi'}, requests: {cpu: 0.5}}}],
                    volumes: [{name: 'v', emptyDir: {sizeLimit: '1000M'}}]}}""", """
            {metadata: {name: 'p', namespace: 'd'},
             spec: {containers: [{name: 'c', image: 'x:1',
                                  resources: {limits: {cpu: '1', memory: '1Gi'}, requests: {cpu: '500m', memory: '1Gi'}},
                                  terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
                                  imagePullPolicy: 'IfNotPresent'}],
                    volumes: [{name: 'v', emptyDir: {sizeLimit: '1G'}}],
                    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
                    terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', enableServiceLinks: true,
                    priority: 0, preemptionPolicy: 'PreemptLowerPriority'},
             status: {phase: 'Pending', qosClass: 'Burstable'}}"""),
        Arguments.of("pvc quantity canonical", "/PersistentVolumeClaim",
            "{spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1024Mi'}}}}", """
            {spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}, volumeMode: 'Filesystem'},
             status: {phase: 'Pending'}}"""),
        Arguments.of("pv", "/PersistentVolume", "{spec: {hostPath: {path: '/data'}}}", """
            {spec: {hostPath: {path: '/data', type: ''}, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem'},
             status: {phase: 'Pending'}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void defaults(String name, String groupKind, String input, String expected) {
    var object = json(input);
    var strategy = Fixtures.strategy(groupKind);
    strategy.applyDefaults(object);
    strategy.prepareForCreate(object);
    assertThat(object).isEqualTo(json(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void defaultingIsIdempotent(String name, String groupKind, String input, String expected) {
    var object = json(input);
    var strategy = Fixtures.strategy(groupKind);
    strategy.applyDefaults(object);
    strategy.prepareForCreate(object);
    var once = object.deepCopy();
    strategy.applyDefaults(object);
    assertThat(object).isEqualTo(once);
  }
}
