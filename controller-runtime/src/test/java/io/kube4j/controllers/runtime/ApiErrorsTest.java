package io.kube4j.controllers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiErrorsTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new KubernetesClientException(new StatusBuilder().withCode(403).withReason("Forbidden")
            .withMessage("pods is forbidden: unable to create new content in namespace gc because it is being terminated").build()),
            "pods is forbidden: unable to create new content in namespace gc because it is being terminated"),
        Arguments.of(new KubernetesClientException("timed out", 500, new StatusBuilder().withCode(500).build()), "timed out"),
        Arguments.of(new KubernetesClientException("connection refused"), "connection refused"),
        Arguments.of(new IllegalStateException("no owner"), "no owner"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void theServersOwnWords(Exception failure, String expected) {
    assertEquals(expected, ApiErrors.message(failure));
  }

  static Stream<Arguments> logLines() {
    return Stream.of(
        Arguments.of(new KubernetesClientException(new StatusBuilder().withCode(409).withReason("Conflict")
            .withMessage("Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified").build()),
            "409 Conflict: Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified"),
        Arguments.of(new KubernetesClientException(new StatusBuilder().withCode(403).withReason("Forbidden")
            .withMessage("pods is forbidden: exceeded quota").build()), "403 Forbidden: pods is forbidden: exceeded quota"),
        Arguments.of(new KubernetesClientException("connection refused"), "io.fabric8.kubernetes.client.KubernetesClientException: connection refused"),
        Arguments.of(new IllegalStateException("no owner"), "java.lang.IllegalStateException: no owner"));
  }

  @ParameterizedTest
  @MethodSource("logLines")
  void describesAFailedSyncForTheLog(Exception failure, String expected) {
    assertEquals(expected, ApiErrors.describe(failure));
  }
}
