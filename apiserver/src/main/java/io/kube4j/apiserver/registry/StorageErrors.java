package io.kube4j.apiserver.registry;

import io.kube4j.api.ResourceDefinition;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.storage.StorageException;

/** Maps storage failures to the Status a client sees. */
public final class StorageErrors {

  private StorageErrors() {}

  public static ApiException toApi(StorageException e, ResourceDefinition def, String name) {
    return switch (e) {
      case StorageException.NotFound nf -> ApiException.notFound(def.group(), def.resource(), name);
      case StorageException.KeyExists ke -> ApiException.alreadyExists(def.group(), def.resource(), name);
      case StorageException.RevisionMismatch rm -> ApiException.staleResourceVersion(def.group(), def.resource(), name);
      case StorageException.Compacted c -> ApiException.gone("too old resource version: " + c.getMessage());
      case StorageException.FutureRevision f -> new ApiException(ApiException.Reason.TIMEOUT, 504, "Too large resource version: " + f.getMessage(),
          new ApiException.Details("", "", "", java.util.List.of(new ApiException.Cause("ResourceVersionTooLarge", "Too large resource version", "")), 1));
      case StorageException.Unavailable u -> new ApiException(ApiException.Reason.SERVICE_UNAVAILABLE, 503,
          "storage is unavailable: " + u.getMessage(), new ApiException.Details("", "", "", java.util.List.of(), 1));
      default -> ApiException.internal(e.getMessage());
    };
  }
}
