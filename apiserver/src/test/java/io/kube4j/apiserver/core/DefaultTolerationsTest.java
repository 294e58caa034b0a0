package io.kube4j.apiserver.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream's DefaultTolerationSeconds admission: which tolerations a pod gets added. */
class DefaultTolerationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_READY = "{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}";
  private static final String UNREACHABLE = "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no tolerations: both added | {} | [NOT_READY,UNREACHABLE]
      an unrelated toleration stays first | {"tolerations":[{"key":"gpu","operator":"Exists","effect":"NoSchedule"}]} | [{"key":"gpu","operator":"Exists","effect":"NoSchedule"},NOT_READY,UNREACHABLE]
      own unreachable toleration is kept | {"tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":5}]} | [{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":5},NOT_READY]
      a toleration without effect covers NoExecute | {"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists"}]} | [{"key":"node.kubernetes.io/not-ready","operator":"Exists"},UNREACHABLE]
      a NoSchedule toleration does not | {"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoSchedule"}]} | [{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoSchedule"},NOT_READY,UNREACHABLE]
      tolerate-everything needs nothing | {"tolerations":[{"operator":"Exists"}]} | [{"operator":"Exists"}]
      """)
  void podsTolerateNodeLossForFiveMinutesUnlessTheySayOtherwise(String name, String spec, String expected) throws Exception {
    var object = (ObjectNode) JSON.readTree(spec);
    PodHooks.addDefaultTolerations(object);
    var want = JSON.readTree(expected.replace("NOT_READY", NOT_READY).replace("UNREACHABLE", UNREACHABLE));
    assertThat(object.path("tolerations")).isEqualTo(want);
  }
}
