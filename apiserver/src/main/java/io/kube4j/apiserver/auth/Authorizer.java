package io.kube4j.apiserver.auth;

import io.kube4j.apiserver.http.RequestInfo;

/** Decides whether a user may perform a request. */
@FunctionalInterface
public interface Authorizer {

  /** The outcome, with a reason for the audit trail and the 403 message. */
  record Decision(boolean allowed, String reason) {
    public static Decision allow(String reason) {
      return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
      return new Decision(false, reason);
    }
  }

  Decision authorize(User user, RequestInfo request);
}
