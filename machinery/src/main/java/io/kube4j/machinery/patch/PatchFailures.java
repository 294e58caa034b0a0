package io.kube4j.machinery.patch;

import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.errors.ApiException.Details;
import io.kube4j.machinery.errors.ApiException.Reason;

/**
 * The {@code Status} errors the kube-apiserver's PATCH handler answers for a patch it cannot apply, one
 * factory per upstream mapping, so each patch type picks the same code, reason and message as upstream.
 */
final class PatchFailures {

  /** What {@code NewGenericServerResponse(422, ...)} says: upstream drops the underlying error text. */
  static final String REJECTED = "the server rejected our request due to an error in our request";

  private PatchFailures() {}

  /** 400 BadRequest with the given message, as {@code errors.NewBadRequest}. */
  static ApiException badRequest(String message) {
    return ApiException.badRequest(message);
  }

  /**
   * 422 Invalid with upstream's generic text; the precise reason is kept as the exception's cause for logs
   * and tests, since the client never sees it.
   */
  static ApiException rejected(String detail) {
    var e = new ApiException(Reason.INVALID, 422, REJECTED, Details.NONE);
    e.initCause(new IllegalArgumentException(detail));
    return e;
  }

  /**
   * 500 with the bare error text: upstream returns errors that are not {@code Status} errors this way
   * (its reason is the empty "Unknown" reason, which {@link Reason} has no constant for).
   */
  static ApiException unexpected(String message) {
    return new ApiException(Reason.INTERNAL_ERROR, 500, message, Details.NONE);
  }

  /** 413, as for a JSON patch with too many operations. */
  static ApiException tooLarge(String message) {
    return new ApiException(Reason.REQUEST_ENTITY_TOO_LARGE, 413, "Request entity too large: " + message, Details.NONE);
  }
}
