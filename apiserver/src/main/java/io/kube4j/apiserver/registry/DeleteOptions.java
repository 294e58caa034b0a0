package io.kube4j.apiserver.registry;

/**
 * {@code meta/v1 DeleteOptions}, from the body or the query.
 *
 * @param gracePeriodSeconds null for the kind's default
 * @param propagationPolicy {@code Orphan}, {@code Background}, {@code Foreground}, or empty for the default
 * @param preconditionUid required uid, or empty
 * @param preconditionResourceVersion required resourceVersion, or empty
 * @param dryRun {@code dryRun=All}
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid, String preconditionResourceVersion, boolean dryRun) {

  public static final DeleteOptions DEFAULT = new DeleteOptions(null, "", "", "", false);
}
