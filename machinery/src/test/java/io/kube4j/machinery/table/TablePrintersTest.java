package io.kube4j.machinery.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.BuiltinResources;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** For each built-in kind: an object and the exact cells upstream's server prints for it (wide columns included). */
class TablePrintersTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");
  /** Five minutes before {@link #NOW}. */
  static final String CREATED = "\"creationTimestamp\":\"2024-01-01T11:55:00Z\"";

  record Case(String title, String group, String resource, String object, String cells) {
    @Override
    public String toString() {
      return title;
    }
  }

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static String meta(String name) {
    return "\"metadata\":{\"name\":\"" + name + "\"," + CREATED + "}";
  }

  static final String POD_TEMPLATE = "\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"img\"}]}}";

  static Stream<Case> cases() {
    return Stream.of(
        // ---- pods
        new Case("pod running", "", "pods", """
            {%s,"spec":{"nodeName":"n1","containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","podIPs":[{"ip":"10.0.0.5"}],"conditions":[{"type":"Ready","status":"True"}],
              "containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}},
                                   {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]}}""".formatted(meta("web")),
            "[\"web\",\"2/2\",\"Running\",\"0\",\"5m\",\"10.0.0.5\",\"n1\",\"<none>\",\"<none>\"]"),
        new Case("pod pending without status details", "", "pods", """
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}}""",
            "[\"p\",\"0/1\",\"Pending\",\"0\",\"<unknown>\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod first init container running", "", "pods", """
            {%s,"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","state":{"running":{}}},{"name":"i2","state":{"waiting":{"reason":"PodInitializing"}}}]}}"""
            .formatted(meta("init")),
            "[\"init\",\"0/1\",\"Init:0/2\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod second init container pending", "", "pods", """
            {%s,"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
               {"name":"i2","state":{"waiting":{"reason":"PodInitializing"}}}]}}""".formatted(meta("init")),
            "[\"init\",\"0/1\",\"Init:1/2\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod init container crash looping", "", "pods", """
            {%s,"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
               "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-01-01T11:58:00Z"}}}]}}""".formatted(meta("init")),
            "[\"init\",\"0/1\",\"Init:CrashLoopBackOff\",\"3 (2m ago)\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod init container failed without reason", "", "pods", """
            {%s,"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","state":{"terminated":{"exitCode":3}}}]}}""".formatted(meta("init")),
            "[\"init\",\"0/1\",\"Init:ExitCode:3\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod crash loop back-off with restarts", "", "pods", """
            {%s,"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":false,"restartCount":5,
               "state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-01-01T11:55:00Z"}}}]}}"""
            .formatted(meta("crash")),
            "[\"crash\",\"0/1\",\"CrashLoopBackOff\",\"5 (5m ago)\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod completed", "", "pods", """
            {%s,"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"a","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}"""
            .formatted(meta("done")),
            "[\"done\",\"0/1\",\"Completed\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod exit code and signal without reason", "", "pods", """
            {%s,"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Failed","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":2}}},{"name":"b","state":{"terminated":{"exitCode":137,"signal":9}}}]}}"""
            .formatted(meta("err")),
            "[\"err\",\"0/2\",\"ExitCode:2\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod completed container but another still running", "", "pods", """
            {%s,"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[
               {"name":"a","ready":true,"state":{"running":{}}},{"name":"b","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}"""
            .formatted(meta("mixed")),
            "[\"mixed\",\"1/2\",\"NotReady\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod terminating", "", "pods", """
            {"metadata":{"name":"bye",%s,"deletionTimestamp":"2024-01-01T11:59:00Z"},"spec":{"nodeName":"n1","containers":[{"name":"a"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}}""".formatted(CREATED),
            "[\"bye\",\"1/1\",\"Terminating\",\"0\",\"5m\",\"<none>\",\"n1\",\"<none>\",\"<none>\"]"),
        new Case("pod deleted on a lost node", "", "pods", """
            {"metadata":{"name":"lost",%s,"deletionTimestamp":"2024-01-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Running","reason":"NodeLost"}}""".formatted(CREATED),
            "[\"lost\",\"0/1\",\"Unknown\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod readiness gates and nominated node", "", "pods", """
            {%s,"spec":{"containers":[{"name":"a"}],"readinessGates":[{"conditionType":"x/a"},{"conditionType":"x/b"}]},
             "status":{"phase":"Pending","nominatedNodeName":"n2","conditions":[{"type":"x/a","status":"True"},{"type":"x/b","status":"False"}]}}"""
            .formatted(meta("gated")),
            "[\"gated\",\"0/1\",\"Pending\",\"0\",\"5m\",\"<none>\",\"<none>\",\"n2\",\"1/2\"]"),
        new Case("pod scheduling gated", "", "pods", """
            {%s,"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}""".formatted(meta("sg")),
            "[\"sg\",\"0/1\",\"SchedulingGated\",\"0\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        new Case("pod with a sidecar (restartable init container)", "", "pods", """
            {%s,"spec":{"initContainers":[{"name":"s","restartPolicy":"Always"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
              "initContainerStatuses":[{"name":"s","started":true,"ready":true,"restartCount":1,"state":{"running":{}},
                "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-01-01T11:50:00Z"}}}],
              "containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}}]}}""".formatted(meta("side")),
            "[\"side\",\"2/2\",\"Running\",\"1 (10m ago)\",\"5m\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]"),
        // ---- workloads
        new Case("deployment", "apps", "deployments", """
            {%s,"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"s","image":"busybox"}]}}},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}""".formatted(meta("web")),
            "[\"web\",\"2/3\",3,2,\"5m\",\"nginx,s\",\"nginx:1.25,busybox\",\"app=web\"]"),
        new Case("deployment without status", "apps", "deployments", """
            {%s,"spec":{"selector":{"matchExpressions":[{"key":"tier","operator":"In","values":["b","a"]}]},%s}}""".formatted(meta("new"), POD_TEMPLATE),
            "[\"new\",\"0/1\",0,0,\"5m\",\"c\",\"img\",\"tier in (a,b)\"]"),
        new Case("replicaset", "apps", "replicasets", """
            {%s,"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},%s},"status":{"replicas":3,"readyReplicas":2}}"""
            .formatted(meta("web-5d8f"), POD_TEMPLATE),
            "[\"web-5d8f\",3,3,2,\"5m\",\"c\",\"img\",\"app=web\"]"),
        new Case("replicationcontroller", "", "replicationcontrollers", """
            {%s,"spec":{"replicas":2,"selector":{"app":"web"},%s},"status":{"replicas":2,"readyReplicas":1}}""".formatted(meta("rc"), POD_TEMPLATE),
            "[\"rc\",2,2,1,\"5m\",\"c\",\"img\",\"app=web\"]"),
        new Case("statefulset", "apps", "statefulsets", """
            {%s,"spec":{"replicas":3,%s},"status":{"readyReplicas":1}}""".formatted(meta("db"), POD_TEMPLATE),
            "[\"db\",\"1/3\",\"5m\",\"c\",\"img\"]"),
        new Case("daemonset", "apps", "daemonsets", """
            {%s,"spec":{"selector":{"matchLabels":{"app":"ds"}},"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},"containers":[{"name":"c","image":"img"}]}}},
             "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":3,"numberAvailable":2}}"""
            .formatted(meta("ds")),
            "[\"ds\",3,3,2,3,2,\"kubernetes.io/os=linux\",\"5m\",\"c\",\"img\",\"app=ds\"]"),
        new Case("daemonset without node selector", "apps", "daemonsets", """
            {%s,"spec":{"selector":{"matchLabels":{"app":"ds"}},%s}}""".formatted(meta("ds"), POD_TEMPLATE),
            "[\"ds\",0,0,0,0,0,\"<none>\",\"5m\",\"c\",\"img\",\"app=ds\"]"),
        new Case("job complete", "batch", "jobs", """
            {%s,"spec":{"completions":1,"parallelism":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"abc"}},%s},
             "status":{"succeeded":1,"startTime":"2024-01-01T11:55:00Z","completionTime":"2024-01-01T11:56:05Z",
              "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}""".formatted(meta("pi"), POD_TEMPLATE),
            "[\"pi\",\"Complete\",\"1/1\",\"65s\",\"5m\",\"c\",\"img\",\"batch.kubernetes.io/controller-uid=abc\"]"),
        new Case("job running in parallel without completions", "batch", "jobs", """
            {%s,"spec":{"parallelism":3,%s},"status":{"startTime":"2024-01-01T11:57:00Z","active":3}}""".formatted(meta("q"), POD_TEMPLATE),
            "[\"q\",\"Running\",\"0/1 of 3\",\"3m\",\"5m\",\"c\",\"img\",\"<none>\"]"),
        new Case("job not started, failed", "batch", "jobs", """
            {%s,"spec":{"completions":2,%s},"status":{"failed":1,"conditions":[{"type":"Failed","status":"True"}]}}""".formatted(meta("f"), POD_TEMPLATE),
            "[\"f\",\"Failed\",\"0/2\",\"\",\"5m\",\"c\",\"img\",\"<none>\"]"),
        new Case("job suspended", "batch", "jobs", """
            {%s,"spec":{"completions":1,"suspend":true,%s},"status":{"conditions":[{"type":"Suspended","status":"True"}]}}""".formatted(meta("s"), POD_TEMPLATE),
            "[\"s\",\"Suspended\",\"0/1\",\"\",\"5m\",\"c\",\"img\",\"<none>\"]"),
        new Case("cronjob", "batch", "cronjobs", """
            {%s,"spec":{"schedule":"*/5 * * * *","suspend":false,"jobTemplate":{"spec":{%s}}},
             "status":{"active":[{"name":"cj-1"}],"lastScheduleTime":"2024-01-01T11:59:00Z"}}""".formatted(meta("cj"), POD_TEMPLATE),
            "[\"cj\",\"*/5 * * * *\",\"<none>\",\"False\",1,\"60s\",\"5m\",\"c\",\"img\",\"<none>\"]"),
        new Case("cronjob with time zone, never scheduled", "batch", "cronjobs", """
            {%s,"spec":{"schedule":"@hourly","timeZone":"Europe/Paris","jobTemplate":{"spec":{%s}}}}""".formatted(meta("cj"), POD_TEMPLATE),
            "[\"cj\",\"@hourly\",\"Europe/Paris\",\"<unset>\",0,\"<none>\",\"5m\",\"c\",\"img\",\"<none>\"]"),
        new Case("podtemplate", "", "podtemplates", """
            {%s,"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"img"}]}}}""".formatted(meta("pt")),
            "[\"pt\",\"c\",\"img\",\"app=x\"]"),
        new Case("controllerrevision", "apps", "controllerrevisions", """
            {"metadata":{"name":"fluentd-7c6d",%s,"ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"fluentd","controller":true}]},"revision":2}"""
            .formatted(CREATED),
            "[\"fluentd-7c6d\",\"daemonset.apps/fluentd\",2,\"5m\"]"),
        new Case("controllerrevision without controller", "apps", "controllerrevisions", """
            {%s,"revision":1}""".formatted(meta("orphan")),
            "[\"orphan\",\"<none>\",1,\"5m\"]"),
        new Case("hpa v2 utilization", "autoscaling", "horizontalpodautoscalers", """
            {%s,"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":1,"maxReplicas":10,
              "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]},
             "status":{"currentReplicas":2,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":20,"averageValue":"100m"}}}]}}"""
            .formatted(meta("web")),
            "[\"web\",\"Deployment/web\",\"cpu: 20%/50%\",\"1\",10,2,\"5m\"]"),
        new Case("hpa v2 several metrics, no status yet", "autoscaling", "horizontalpodautoscalers", """
            {%s,"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":5,"metrics":[
              {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"100Mi"}}},
              {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}},
              {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]}}""".formatted(meta("web")),
            "[\"web\",\"Deployment/web\",\"memory: <unknown>/100Mi, <unknown>/10 + 1 more...\",\"<unset>\",5,0,\"5m\"]"),
        new Case("hpa without metrics", "autoscaling", "horizontalpodautoscalers", """
            {%s,"spec":{"scaleTargetRef":{"kind":"StatefulSet","name":"db"},"minReplicas":2,"maxReplicas":4}}""".formatted(meta("db")),
            "[\"db\",\"StatefulSet/db\",\"<none>\",\"2\",4,0,\"5m\"]"),
        new Case("hpa autoscaling/v1 shape", "autoscaling", "horizontalpodautoscalers", """
            {%s,"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3,"targetCPUUtilizationPercentage":60},
             "status":{"currentReplicas":1,"currentCPUUtilizationPercentage":30}}""".formatted(meta("v1")),
            "[\"v1\",\"Deployment/web\",\"cpu: 30%/60%\",\"<unset>\",3,1,\"5m\"]"),
        new Case("pdb minAvailable", "policy", "poddisruptionbudgets", """
            {%s,"spec":{"minAvailable":2},"status":{"disruptionsAllowed":1}}""".formatted(meta("pdb")),
            "[\"pdb\",\"2\",\"N/A\",1,\"5m\"]"),
        new Case("pdb maxUnavailable percent", "policy", "poddisruptionbudgets", """
            {%s,"spec":{"maxUnavailable":"25%%"}}""".formatted(meta("pdb")),
            "[\"pdb\",\"N/A\",\"25%\",0,\"5m\"]"),
        // ---- services and networking
        new Case("service cluster IP", "", "services", """
            {%s,"spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"selector":{"k8s-app":"kube-dns"},
              "ports":[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"}]}}""".formatted(meta("kube-dns")),
            "[\"kube-dns\",\"ClusterIP\",\"10.96.0.10\",\"<none>\",\"53/UDP,53/TCP\",\"5m\",\"k8s-app=kube-dns\"]"),
        new Case("service node port", "", "services", """
            {%s,"spec":{"type":"NodePort","clusterIPs":["10.96.1.1"],"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"}],"selector":{"app":"web"}}}"""
            .formatted(meta("np")),
            "[\"np\",\"NodePort\",\"10.96.1.1\",\"<none>\",\"80:30080/TCP\",\"5m\",\"app=web\"]"),
        new Case("service load balancer pending", "", "services", """
            {%s,"spec":{"type":"LoadBalancer","clusterIPs":["10.96.1.2"],"ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]}}""".formatted(meta("lb")),
            "[\"lb\",\"LoadBalancer\",\"10.96.1.2\",\"<pending>\",\"443:31443/TCP\",\"5m\",\"<none>\"]"),
        new Case("service load balancer with ingress and external IPs", "", "services", """
            {%s,"spec":{"type":"LoadBalancer","clusterIPs":["10.96.1.2"],"externalIPs":["5.6.7.8"],"ports":[{"port":80,"nodePort":30000,"protocol":"TCP"}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"192.168.100.200"},{"hostname":"lb.example.com"}]}}}""".formatted(meta("lb")),
            "[\"lb\",\"LoadBalancer\",\"10.96.1.2\",\"192.168.100.200,lb.example.com,5.6.7.8\",\"80:30000/TCP\",\"5m\",\"<none>\"]"),
        new Case("service external name", "", "services", """
            {%s,"spec":{"type":"ExternalName","externalName":"db.example.com"}}""".formatted(meta("ext")),
            "[\"ext\",\"ExternalName\",\"<none>\",\"db.example.com\",\"<none>\",\"5m\",\"<none>\"]"),
        new Case("service headless", "", "services", """
            {%s,"spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"],"ports":[{"port":5432,"protocol":"TCP"}],"selector":{"app":"db"}}}"""
            .formatted(meta("db")),
            "[\"db\",\"ClusterIP\",\"None\",\"<none>\",\"5432/TCP\",\"5m\",\"app=db\"]"),
        new Case("endpoints", "", "endpoints", """
            {%s,"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80}]}]}""".formatted(meta("web")),
            "[\"web\",\"10.0.0.1:80,10.0.0.2:80\",\"5m\"]"),
        new Case("endpoints with more than three", "", "endpoints", """
            {%s,"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80},{"port":443}]},{"addresses":[{"ip":"fd00::1"}]}]}"""
            .formatted(meta("web")),
            "[\"web\",\"10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...\",\"5m\"]"),
        new Case("endpoints empty", "", "endpoints", "{%s}".formatted(meta("none")), "[\"none\",\"<none>\",\"5m\"]"),
        new Case("endpointslice", "discovery.k8s.io", "endpointslices", """
            {%s,"addressType":"IPv4","ports":[{"port":80},{"name":"http"},{}],"endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"]}]}"""
            .formatted(meta("web-abc")),
            "[\"web-abc\",\"IPv4\",\"80,http,*\",\"10.0.0.1,10.0.0.2\",\"5m\"]"),
        new Case("endpointslice empty", "discovery.k8s.io", "endpointslices", """
            {%s,"addressType":"IPv4","endpoints":[]}""".formatted(meta("e")),
            "[\"e\",\"IPv4\",\"<unset>\",\"<unset>\",\"5m\"]"),
        new Case("ingress", "networking.k8s.io", "ingresses", """
            {%s,"spec":{"ingressClassName":"nginx","rules":[{"host":"a.com"},{"host":"b.com"}],"tls":[{"hosts":["a.com"]}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}}""".formatted(meta("ing")),
            "[\"ing\",\"nginx\",\"a.com,b.com\",\"1.2.3.4\",\"80, 443\",\"5m\"]"),
        new Case("ingress without hosts or class", "networking.k8s.io", "ingresses", """
            {%s,"spec":{"rules":[{"http":{}}]}}""".formatted(meta("ing")),
            "[\"ing\",\"<none>\",\"*\",\"\",\"80\",\"5m\"]"),
        new Case("ingress with many hosts", "networking.k8s.io", "ingresses", """
            {%s,"spec":{"rules":[{"host":"a"},{"host":"b"},{"host":"c"},{"host":"d"},{"host":"e"}]}}""".formatted(meta("ing")),
            "[\"ing\",\"<none>\",\"a,b,c + 2 more...\",\"\",\"80\",\"5m\"]"),
        new Case("ingressclass", "networking.k8s.io", "ingressclasses", """
            {%s,"spec":{"controller":"k8s.io/ingress-nginx","parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external-lb"}}}"""
            .formatted(meta("nginx")),
            "[\"nginx\",\"k8s.io/ingress-nginx\",\"IngressParameters.k8s.example.com/external-lb\",\"5m\"]"),
        new Case("ingressclass without parameters", "networking.k8s.io", "ingressclasses", """
            {%s,"spec":{"controller":"example.com/c"}}""".formatted(meta("c")),
            "[\"c\",\"example.com/c\",\"<none>\",\"5m\"]"),
        new Case("networkpolicy empty selector", "networking.k8s.io", "networkpolicies", """
            {%s,"spec":{"podSelector":{},"policyTypes":["Ingress"]}}""".formatted(meta("deny-all")),
            "[\"deny-all\",\"<none>\",\"5m\"]"),
        new Case("networkpolicy", "networking.k8s.io", "networkpolicies", """
            {%s,"spec":{"podSelector":{"matchLabels":{"role":"db"}}}}""".formatted(meta("db")),
            "[\"db\",\"role=db\",\"5m\"]"),
        // ---- cluster
        new Case("node", "", "nodes", """
            {"metadata":{"name":"n1",%s,"labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"master","kubernetes.io/os":"linux"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
              "addresses":[{"type":"InternalIP","address":"192.168.1.10"},{"type":"Hostname","address":"n1"}],
              "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian GNU/Linux 12 (bookworm)","kernelVersion":"6.1.0-18-amd64","containerRuntimeVersion":"containerd://1.7.24"}}}"""
            .formatted(CREATED),
            "[\"n1\",\"Ready,SchedulingDisabled\",\"control-plane,master\",\"5m\",\"v1.32.0\",\"192.168.1.10\",\"<none>\",\"Debian GNU/Linux 12 (bookworm)\",\"6.1.0-18-amd64\",\"containerd://1.7.24\"]"),
        new Case("node not ready", "", "nodes", """
            {%s,"status":{"conditions":[{"type":"Ready","status":"Unknown"}],"addresses":[{"type":"ExternalIP","address":"1.2.3.4"}]}}""".formatted(meta("n2")),
            "[\"n2\",\"NotReady\",\"<none>\",\"5m\",\"\",\"<none>\",\"1.2.3.4\",\"<unknown>\",\"<unknown>\",\"<unknown>\"]"),
        new Case("node without conditions", "", "nodes", "{%s}".formatted(meta("n3")),
            "[\"n3\",\"Unknown\",\"<none>\",\"5m\",\"\",\"<none>\",\"<none>\",\"<unknown>\",\"<unknown>\",\"<unknown>\"]"),
        new Case("namespace", "", "namespaces", """
            {%s,"status":{"phase":"Active"}}""".formatted(meta("default")),
            "[\"default\",\"Active\",\"5m\"]"),
        new Case("event core/v1", "", "events", """
            {"metadata":{"name":"web.17a",%s},"type":"Normal","reason":"Pulled","message":" Successfully pulled image \\n","count":3,
             "firstTimestamp":"2024-01-01T11:50:00Z","lastTimestamp":"2024-01-01T11:59:00Z",
             "involvedObject":{"kind":"Pod","name":"web","fieldPath":"spec.containers{a}"},"source":{"component":"kubelet","host":"n1"}}"""
            .formatted(CREATED),
            "[\"60s\",\"Normal\",\"Pulled\",\"pod/web\",\"spec.containers{a}\",\"kubelet, n1\",\"Successfully pulled image\",\"10m\",3,\"web.17a\"]"),
        new Case("event with only eventTime (new API)", "", "events", """
            {"metadata":{"name":"e1",%s},"type":"Normal","reason":"Scheduled","message":"assigned","eventTime":"2024-01-01T11:58:00.000000Z",
             "involvedObject":{"kind":"Pod","name":"web"},"reportingComponent":"default-scheduler","reportingController":"default-scheduler","reportingInstance":"s-1","source":{}}"""
            .formatted(CREATED),
            "[\"2m\",\"Normal\",\"Scheduled\",\"pod/web\",\"\",\"default-scheduler, s-1\",\"assigned\",\"2m\",1,\"e1\"]"),
        new Case("event with series", "", "events", """
            {"metadata":{"name":"e2",%s},"type":"Warning","reason":"BackOff","message":"restarting","eventTime":"2024-01-01T11:40:00.000000Z",
             "series":{"count":7,"lastObservedTime":"2024-01-01T11:59:30.000000Z"},"involvedObject":{"kind":"Node"},"source":{"component":"kubelet"}}"""
            .formatted(CREATED),
            "[\"30s\",\"Warning\",\"BackOff\",\"node\",\"\",\"kubelet\",\"restarting\",\"20m\",7,\"e2\"]"),
        new Case("event in events.k8s.io/v1 shape", "events.k8s.io", "events", """
            {"metadata":{"name":"e3",%s},"type":"Normal","reason":"Started","note":"started container","eventTime":"2024-01-01T11:58:00.000000Z",
             "regarding":{"kind":"Pod","name":"web"},"reportingController":"kubelet","reportingInstance":"n1"}""".formatted(CREATED),
            "[\"2m\",\"Normal\",\"Started\",\"pod/web\",\"\",\"kubelet, n1\",\"started container\",\"2m\",1,\"e3\"]"),
        new Case("configmap", "", "configmaps", """
            {%s,"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""".formatted(meta("cm")),
            "[\"cm\",3,\"5m\"]"),
        new Case("secret", "", "secrets", """
            {%s,"type":"kubernetes.io/tls","data":{"tls.crt":"AA==","tls.key":"AA=="}}""".formatted(meta("tls")),
            "[\"tls\",\"kubernetes.io/tls\",2,\"5m\"]"),
        new Case("serviceaccount", "", "serviceaccounts", """
            {%s,"secrets":[{"name":"t"}]}""".formatted(meta("default")),
            "[\"default\",1,\"5m\"]"),
        new Case("serviceaccount without secrets", "", "serviceaccounts", "{%s}".formatted(meta("default")),
            "[\"default\",0,\"5m\"]"),
        new Case("persistentvolume", "", "persistentvolumes", """
            {%s,"spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Retain",
              "claimRef":{"namespace":"default","name":"data"},"storageClassName":"local-path","volumeMode":"Filesystem"},"status":{"phase":"Bound"}}"""
            .formatted(meta("pv1")),
            "[\"pv1\",\"10Gi\",\"RWO,RWX\",\"Retain\",\"Bound\",\"default/data\",\"local-path\",\"<unset>\",\"\",\"5m\",\"Filesystem\"]"),
        new Case("persistentvolume being deleted, beta class annotation", "", "persistentvolumes", """
            {"metadata":{"name":"pv2",%s,"deletionTimestamp":"2024-01-01T11:59:00Z","annotations":{"volume.beta.kubernetes.io/storage-class":"old"}},
             "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOncePod"],"persistentVolumeReclaimPolicy":"Delete","storageClassName":"new"},
             "status":{"phase":"Released","reason":"Oops"}}""".formatted(CREATED),
            "[\"pv2\",\"1Gi\",\"RWOP\",\"Delete\",\"Terminating\",\"\",\"old\",\"<unset>\",\"Oops\",\"5m\",\"<unset>\"]"),
        new Case("persistentvolumeclaim bound", "", "persistentvolumeclaims", """
            {%s,"spec":{"volumeName":"pv1","storageClassName":"local-path","volumeMode":"Filesystem","resources":{"requests":{"storage":"5Gi"}}},
             "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"10Gi"}}}""".formatted(meta("data")),
            "[\"data\",\"Bound\",\"pv1\",\"10Gi\",\"RWO\",\"local-path\",\"<unset>\",\"5m\",\"Filesystem\"]"),
        new Case("persistentvolumeclaim pending", "", "persistentvolumeclaims", """
            {%s,"spec":{"storageClassName":"standard","volumeAttributesClassName":"gold","resources":{"requests":{"storage":"5Gi"}}},"status":{"phase":"Pending"}}"""
            .formatted(meta("data2")),
            "[\"data2\",\"Pending\",\"\",\"\",\"\",\"standard\",\"gold\",\"5m\",\"<unset>\"]"),
        new Case("storageclass default", "storage.k8s.io", "storageclasses", """
            {"metadata":{"name":"local-path",%s,"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
             "provisioner":"rancher.io/local-path","volumeBindingMode":"WaitForFirstConsumer"}""".formatted(CREATED),
            "[\"local-path (default)\",\"rancher.io/local-path\",\"Delete\",\"WaitForFirstConsumer\",false,\"5m\"]"),
        new Case("storageclass explicit", "storage.k8s.io", "storageclasses", """
            {%s,"provisioner":"p","reclaimPolicy":"Retain","allowVolumeExpansion":true}""".formatted(meta("fast")),
            "[\"fast\",\"p\",\"Retain\",\"Immediate\",true,\"5m\"]"),
        new Case("volumeattachment", "storage.k8s.io", "volumeattachments", """
            {%s,"spec":{"attacher":"csi.example.com","source":{"persistentVolumeName":"pv1"},"nodeName":"n1"},"status":{"attached":true}}""".formatted(meta("va")),
            "[\"va\",\"csi.example.com\",\"pv1\",\"n1\",true,\"5m\"]"),
        new Case("csidriver", "storage.k8s.io", "csidrivers", """
            {%s,"spec":{"volumeLifecycleModes":["Persistent","Ephemeral"],"tokenRequests":[{"audience":"a"},{"audience":"b"}]}}""".formatted(meta("csi")),
            "[\"csi\",true,false,false,\"a,b\",false,\"Persistent,Ephemeral\",\"5m\"]"),
        new Case("csinode", "storage.k8s.io", "csinodes", """
            {%s,"spec":{"drivers":[{"name":"a"}]}}""".formatted(meta("n1")),
            "[\"n1\",1,\"5m\"]"),
        new Case("csistoragecapacity", "storage.k8s.io", "csistoragecapacities", """
            {%s,"storageClassName":"fast","capacity":"100Gi"}""".formatted(meta("cap")),
            "[\"cap\",\"fast\",\"100Gi\"]"),
        new Case("componentstatus", "", "componentstatuses", """
            {"metadata":{"name":"etcd-0"},"conditions":[{"type":"Healthy","status":"True","message":"ok"}]}""",
            "[\"etcd-0\",\"Healthy\",\"ok\",\"\"]"),
        new Case("resourcequota", "", "resourcequotas", """
            {%s,"status":{"hard":{"pods":"10","requests.cpu":"1","limits.memory":"2Gi","limits.cpu":"2"},"used":{"pods":"3","requests.cpu":"500m"}}}"""
            .formatted(meta("q")),
            "[\"q\",\"pods: 3/10, requests.cpu: 500m/1\",\"limits.cpu: 0/2, limits.memory: 0/2Gi\",\"5m\"]"),
        new Case("priorityclass", "scheduling.k8s.io", "priorityclasses", """
            {%s,"value":1000000,"preemptionPolicy":"PreemptLowerPriority"}""".formatted(meta("high")),
            "[\"high\",1000000,false,\"5m\",\"PreemptLowerPriority\"]"),
        new Case("lease", "coordination.k8s.io", "leases", """
            {%s,"spec":{"holderIdentity":"n1","leaseDurationSeconds":40}}""".formatted(meta("n1")),
            "[\"n1\",\"n1\",\"5m\"]"),
        new Case("runtimeclass", "node.k8s.io", "runtimeclasses", """
            {%s,"handler":"runc"}""".formatted(meta("runc")),
            "[\"runc\",\"runc\",\"5m\"]"),
        new Case("rolebinding", "rbac.authorization.k8s.io", "rolebindings", """
            {%s,"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"},
             "subjects":[{"kind":"User","name":"alice"},{"kind":"User","name":"bob"},{"kind":"Group","name":"devs"},{"kind":"ServiceAccount","namespace":"kube-system","name":"default"}]}"""
            .formatted(meta("rb")),
            "[\"rb\",\"ClusterRole/admin\",\"5m\",\"alice, bob\",\"devs\",\"kube-system/default\"]"),
        new Case("clusterrolebinding", "rbac.authorization.k8s.io", "clusterrolebindings", """
            {%s,"roleRef":{"kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"Group","name":"system:masters"}]}""".formatted(meta("cluster-admin")),
            "[\"cluster-admin\",\"ClusterRole/cluster-admin\",\"5m\",\"\",\"system:masters\",\"\"]"),
        // ---- default table (upstream's rest.DefaultTableConvertor)
        new Case("role uses the default table", "rbac.authorization.k8s.io", "roles", "{%s,\"rules\":[]}".formatted(meta("r")),
            "[\"r\",\"2024-01-01T11:55:00Z\"]"),
        new Case("clusterrole uses the default table", "rbac.authorization.k8s.io", "clusterroles", "{%s}".formatted(meta("view")),
            "[\"view\",\"2024-01-01T11:55:00Z\"]"),
        new Case("limitrange uses the default table", "", "limitranges", "{%s}".formatted(meta("limits")),
            "[\"limits\",\"2024-01-01T11:55:00Z\"]"),
        new Case("crd uses the default table", "apiextensions.k8s.io", "customresourcedefinitions",
            "{\"metadata\":{\"name\":\"widgets.example.com\",\"creationTimestamp\":\"2024-01-01T11:55:00+02:00\"}}",
            "[\"widgets.example.com\",\"2024-01-01T09:55:00Z\"]"),
        new Case("unknown resource uses the default table", "example.com", "widgets", "{\"metadata\":{\"name\":\"w\"}}",
            "[\"w\",\"0001-01-01T00:00:00Z\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsUpstreamCells(Case c) throws Exception {
    var printer = TablePrinters.forResource(c.group(), c.resource());
    var row = TableBuilder.row(printer, json(c.object()), TableBuilder.IncludeObject.NONE, NOW);
    assertThat(row.get("cells").toString()).isEqualTo(MAPPER.readTree(c.cells()).toString());
    assertThat(row.get("cells").size()).isEqualTo(printer.columns().size());
  }

  @Test
  void everyBuiltinResourceHasAPrinterWhoseRowsFitItsColumns() {
    for (var def : BuiltinResources.all()) {
      var printer = TablePrinters.forResource(def.group(), def.resource());
      assertThat(printer.columns()).as(def.resource()).isNotEmpty();
      for (var object : List.of(json("{}"), json("{\"metadata\":{\"name\":\"x\"},\"spec\":{},\"status\":{}}"))) {
        assertThat(printer.cells(object, NOW)).as(def.resource()).hasSize(printer.columns().size());
      }
    }
  }

  @Test
  void columnDefinitionsMatchUpstream() {
    assertThat(headers("", "pods")).containsExactly("Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*", "Readiness Gates*");
    assertThat(headers("apps", "deployments")).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*");
    assertThat(headers("batch", "jobs")).containsExactly("Name", "Status", "Completions", "Duration", "Age", "Containers*", "Images*", "Selector*");
    assertThat(headers("batch", "cronjobs")).containsExactly("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers*", "Images*", "Selector*");
    assertThat(headers("", "services")).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*");
    assertThat(headers("", "nodes")).containsExactly("Name", "Status", "Roles", "Age", "Version", "Internal-IP*", "External-IP*", "OS-Image*", "Kernel-Version*", "Container-Runtime*");
    assertThat(headers("", "events")).containsExactly("Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*", "Message", "First Seen*", "Count*", "Name*");
    assertThat(headers("autoscaling", "horizontalpodautoscalers")).containsExactly("Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age");
    assertThat(headers("", "persistentvolumes")).containsExactly("Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode*");
    assertThat(headers("rbac.authorization.k8s.io", "roles")).containsExactly("Name", "Created At");

    var pods = TablePrinters.forResource("", "pods").columns();
    assertThat(pods.getFirst()).isEqualTo(new ColumnDefinition("Name", "string", "name", ColumnDefinition.NAME_DESCRIPTION, 0));
    assertThat(pods.get(3).type()).isEqualTo("string");
    assertThat(TablePrinters.forResource("", "secrets").columns().get(2).type()).isEqualTo("string");
    assertThat(TablePrinters.forResource("scheduling.k8s.io", "priorityclasses").columns().get(2).type()).isEqualTo("boolean");
    assertThat(TablePrinters.defaultPrinter().columns().get(1).type()).isEqualTo("date");
    assertThat(TablePrinters.hasDedicatedPrinter("", "limitranges")).isFalse();
    assertThat(TablePrinters.hasDedicatedPrinter("apps", "deployments")).isTrue();
  }

  private static List<String> headers(String group, String resource) {
    return TablePrinters.forResource(group, resource).columns().stream().map(c -> c.name() + (c.priority() == 1 ? "*" : "")).toList();
  }
}
