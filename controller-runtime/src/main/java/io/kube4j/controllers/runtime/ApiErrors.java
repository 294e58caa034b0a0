package io.kube4j.controllers.runtime;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The words a controller repeats when an API request fails, in events, conditions and logs. */
public final class ApiErrors {

  private ApiErrors() {}

  /**
   * The server's Status message for a failed request ({@code pods "web-1" is forbidden: exceeded quota: …}),
   * what client-go's {@code err.Error()} gives an upstream controller, rather than fabric8's
   * {@code Failure executing: POST at: … Received status: Status(…)} wrapper around it.
   */
  public static String message(Exception e) {
    if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null
        && !k.getStatus().getMessage().isEmpty()) {
      return k.getStatus().getMessage();
    }
    return String.valueOf(e.getMessage());
  }

  /** For logs: {@code 409 Conflict: <message>} for a request the server refused, else the exception itself. */
  public static String describe(Exception e) {
    if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      return k.getCode() + " " + k.getStatus().getReason() + ": " + message(e);
    }
    return e.toString();
  }
}
